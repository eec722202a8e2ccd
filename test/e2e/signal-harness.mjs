// Runs inside the test's pty: starts the built CLI in the foreground of this terminal, sends
// it a signal (or nothing) a given number of ms after spawning it, then reports how it
// ended and what the terminal's line discipline is left at (stty -a), on the same terminal.
// It prints the CLI's pid first, for a test that signals it itself (SIGNAL none).
//   node signal-harness.mjs SIGNAL|none DELAY_MS [node args --] cli args...
import {spawn, spawnSync} from 'node:child_process';
import {constants} from 'node:os';

const [signal, delay, ...rest] = process.argv.slice(2);
const split = rest.indexOf('--');
const nodeArgs = split >= 0 ? rest.slice(0, split) : [];
const args = split >= 0 ? rest.slice(split + 1) : rest;
const child = spawn(process.execPath, [...nodeArgs, ...args], {stdio: 'inherit'});
process.stdout.write(`CLI-PID=${child.pid}\r\n`);
if (signal !== 'none') setTimeout(() => child.kill(signal), Number(delay));
child.on('exit', (code, sig) => {
	// As a shell reports it: 128 + n for a death by signal n.
	const status = sig ? 128 + constants.signals[sig] : code;
	process.stdout.write(`\r\nEXIT=${status}${sig ? ` KILLED-BY=${sig}` : ''}\r\n`);
	spawnSync('stty', ['-a'], {stdio: 'inherit'});
	process.stdout.write('HARNESS-DONE\r\n');
});
