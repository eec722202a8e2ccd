// How every way out words an error nobody expected: one line, its text made printable (an
// error message can quote file contents), and the stack only with LIVEMIG_DEBUG set. Used by
// the CLI's error exit, the console's end and the terminal guard, so they cannot drift apart.
import {printable} from './printable.js';

export function internalErrorText(error: unknown, debug = Boolean(process.env.LIVEMIG_DEBUG)): string {
	const message = error instanceof Error ? error.message : String(error);
	const stack = debug && error instanceof Error && error.stack ? `${error.stack.split('\n').map(printable).join('\n')}\n` : '';
	return `livemig: internal error: ${printable(message)}\n${stack}`;
}
