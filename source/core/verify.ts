import {validMask} from './bits.js';
import type {PageState} from './page-state.js';

/**
 * True when the target holds every page (ballooned free pages apart) at the version the
 * VM last wrote. Compares the two hosts' records directly: word by word for presence,
 * entry by entry for the pages ever written.
 */
export function verifyTarget(st: PageState, balloon: boolean): boolean {
	if (st.violations > 0) return false;
	const present = st.present.words;
	const free = st.layout.free.words;
	for (let w = 0; w < present.length; w++) {
		const need = (validMask(st.pages, w) & ~(balloon ? free[w] : 0)) >>> 0;
		if (((present[w] & need) >>> 0) !== need) return false;
	}
	let ok = true;
	st.versions.forEach((_page, latest, target) => {
		if (target !== latest) ok = false;
	});
	return ok;
}
