// Errors every layer may raise. A leaf module: it imports nothing, so config, trace, sweep,
// ui and demo need not reach up into the command line for them.

/** Bad input: the message names the flag (or file and path) and the reason; exit code 2. */
export class UsageError extends Error {}

/** Writing the output failed midway (a full disk, a device error): one line, exit code 1. */
export class WriteError extends Error {}
