// Flags are typed in kebab-case (--page-size) and read in camelCase (pageSize): meow's keys,
// the resolver's and the scenario file's. The one pair of conversions between the two.

/** "pageSize" -> "page-size". */
export function kebab(key: string): string {
	return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** "page-size" -> "pageSize". */
export function camel(name: string): string {
	return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The flag as typed, for messages: "pageSize" -> "--page-size". */
export function flagOf(key: string): string {
	return `--${kebab(key)}`;
}
