// The harness's own arguments: --only NAME[,NAME], --quick, --nice N. Pure; a bad one is one
// line naming it, and the caller exits 2 before anything starts.

export interface ValidateArgs {
	only: string[] | undefined;
	quick: boolean;
	nice: number;
}

export function parseArgs(argv: string[], caseNames: string[]): ValidateArgs | {error: string} {
	let only: string[] | undefined;
	let quick = false;
	let nice: number | undefined;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!;
		if (a === '--quick') {
			quick = true;
			continue;
		}
		if (a !== '--only' && a !== '--nice') return {error: `validate: unknown argument ${a} (known: --only NAME[,NAME], --quick, --nice N)`};
		const v = argv[++i];
		if (v === undefined || v.startsWith('--')) return {error: `validate: ${a} needs a value`};
		if (a === '--only') {
			only = v.split(',').filter((x) => x !== '');
			const unknown = only.filter((n) => !caseNames.includes(n));
			if (unknown.length > 0 || only.length === 0) {
				return {error: `validate: --only: no case ${unknown.join(', ') || '(empty)'} (cases: ${caseNames.join(', ')})`};
			}
		} else {
			nice = Number(v);
			if (!Number.isInteger(nice) || nice < 0 || nice > 19) return {error: `validate: --nice: ${v} is not a whole number from 0 to 19`};
		}
	}
	// While developing on a shared machine --quick runs QEMU niced; a full run measures at 0.
	return {only, quick, nice: nice ?? (quick ? 10 : 0)};
}
