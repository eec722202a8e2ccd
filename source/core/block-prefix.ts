import {popcount32} from './bits.js';
import type {PageState} from './page-state.js';

/** Blocks of 2^16 pages: the granularity of the pre-copy pass's queued-page prefix sums. */
export const BLOCK_SHIFT = 16;

/** Queued pages per block, as prefix sums: prefix[b] = pages queued in blocks before b. */
export function countBlocks(st: PageState): Float64Array {
	const q = st.toSend;
	const blocks = Math.ceil(st.pages / 2 ** BLOCK_SHIFT);
	const prefix = new Float64Array(blocks + 1);
	if (q.count === st.pages) {
		for (let b = 0; b < blocks; b++) prefix[b + 1] = prefix[b] + Math.min(2 ** BLOCK_SHIFT, st.pages - b * 2 ** BLOCK_SHIFT);
		return prefix;
	}
	const perBlock = new Float64Array(blocks);
	for (let w = q.nextWord(0); w !== -1; w = q.nextWord(w + 1)) perBlock[(w * 32) >>> BLOCK_SHIFT] += popcount32(q.words[w]);
	for (let b = 0; b < blocks; b++) prefix[b + 1] = prefix[b] + perBlock[b];
	return prefix;
}
