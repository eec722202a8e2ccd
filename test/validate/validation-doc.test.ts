import {describe, expect, it} from 'vitest';
import {cases} from '../../validate/cases.js';
import {validationDoc} from '../../validate/validation-doc.js';

describe('docs/validation.md', () => {
	it('has the date, QEMU version, host, headline, table and each case with its livemig command', () => {
		const c = cases[0]!;
		const doc = validationDoc(
			{date: '2026-12-01T21:00:00Z', qemuVersion: '7.2.22', cpu: 'Some CPU', cores: 2, kernel: '6.1', hwVirt: false, loadBefore: '0.10', loadAfter: '0.20', durationS: 301, linkBytesPerSec: 700 * 1024 * 1024, placePagesPerSec: 210_000},
			[{caseName: c.name, metric: 'total time', qemu: '5000 ms', livemig: '5500 ms', error: '+10%'}],
			[{c, args: ['run', 'precopy', '--trace', '/tmp/x/cap-16.trace'], rates: 'asked 2048, achieved 1900 before the migration'}],
			['Completed pre-copy cases (1): ...'],
		);
		expect(doc).toContain('on 2026-12-01T21:00:00Z, in 301 s');
		expect(doc).toContain('QEMU 7.2.22, `-accel tcg` (no vmx/svm');
		expect(doc).toContain('Some CPU, 2 cores');
		expect(doc).toContain('Completed pre-copy cases (1): ...');
		expect(doc).toContain(`| ${c.name} | total time | 5000 ms | 5500 ms | +10% |`);
		// The trace's temp path is not written into the document.
		expect(doc).toContain('`livemig run precopy --trace guest.trace`');
		expect(doc).not.toContain('/tmp/x');
		expect(doc).toContain('210000 pages/s');
		expect(doc).toContain('`rate=2048 wss=16384 base=512 fill=64 pat=1 seed=1 rep=100`');
	});
});
