// The package as a user gets it: `npm pack`, installed from the tarball into a temporary
// prefix (as `npm install -g` does), then the installed `livemig` in a pty at 80x24. Fixes
// that live only in this checkout (a patch-package patch, a dev-only file) do not reach that
// copy; Ink 6.8's incremental writer, unpatched, repaints each frame a row lower and fills
// the screen with copies of the frame. This reads the screen after a few seconds of the race.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Session, sleep, spawnCli} from './pty.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir = '';
let bin = '';

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'livemig-pack-'));
	// dist/ is built by `npm test` before vitest starts; --ignore-scripts keeps pack from
	// building it again. The install takes the dependencies from npm's cache when it can.
	execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], {cwd: root, stdio: 'pipe'});
	const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack wrote no tarball in ${dir}`);
	const prefix = join(dir, 'prefix');
	execFileSync('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, tarball)], {
		cwd: dir,
		stdio: 'pipe',
	});
	bin = join(prefix, 'bin', 'livemig');
}, 240_000);

afterAll(() => {
	if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('the package installed from its tarball', () => {
	it('carries no checkout-only install step and ships what the console needs', () => {
		expect(existsSync(bin)).toBe(true);
		const installed = join(dirname(dirname(bin)), 'lib', 'node_modules', 'livemig');
		expect(existsSync(join(installed, 'dist', 'source', 'cli.js'))).toBe(true);
		expect(existsSync(join(installed, 'demos'))).toBe(true);
	});

	it('draws the race in place at 80x24: one title, one footer, no copies of the frame', async () => {
		// The installed bin runs on the `node` found on PATH, as it would for a user; under
		// `npm test` that is the Node this project pins (node_modules/.bin comes first).
		let s: Session | undefined;
		try {
			s = spawnCli([], {columns: 80, rows: 24, shell: `"${bin}" --speed 2`});
			await s.waitFor('both panels', (x) => /PRE-COPY/.test(x.text()) && /POST-COPY/.test(x.text()), 20_000);
			// Several seconds of repaints: with the row drift the frame walks down the screen.
			await sleep(3000);
			const rows = s.rows();
			const count = (re: RegExp) => rows.filter((r) => re.test(r)).length;
			expect(rows[0]).toContain('livemig');
			expect(count(/livemig/)).toBe(1);
			expect(count(/q quit/)).toBe(1);
			expect(count(/PRE-COPY/)).toBe(1);
			expect(rows[22]).toContain('q quit');
			expect(rows[23].trim()).toBe('');
			s.press('q');
			const exit = await s.exited;
			expect(exit.exitCode).toBe(0);
		} finally {
			s?.close();
		}
	}, 60_000);
});
