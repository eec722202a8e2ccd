// The oldest Node livemig runs on. Ink 8 declares Node >= 22 (it uses newer built-ins), and
// an installed package runs on whatever `node` is on the user's PATH: say so in one line
// instead of failing somewhere inside Ink.
export const MIN_NODE_MAJOR = 22;

/** The problem with running on Node `version` ("20.20.2"), or null when it will do. */
export function nodeVersionProblem(version: string): string | null {
	const major = Number.parseInt(version, 10);
	if (Number.isFinite(major) && major >= MIN_NODE_MAJOR) return null;
	return `needs Node ${MIN_NODE_MAJOR} or later (24 recommended); this is Node ${version}`;
}
