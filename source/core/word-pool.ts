/**
 * Recycles large Uint32Arrays between engines. Touching fresh memory is the dearest thing
 * a big simulation does (on this project's VMs first touch costs ~2.5 ms per MiB, more
 * than the simulation's own work), and a race runs engines of the same sizes one after
 * another. A pure cache: results never depend on it.
 */
const pool = new Map<number, Uint32Array[]>();
let pooledWords = 0;
const MAX_POOLED_WORDS = 2 ** 28; // 1 GiB of words

export function takeWords(length: number): Uint32Array {
	const list = pool.get(length);
	const reused = list?.pop();
	if (reused) {
		pooledWords -= length;
		reused.fill(0);
		return reused;
	}
	return new Uint32Array(length);
}

export function giveWords(words: Uint32Array): void {
	if (words.length < 1024 || pooledWords + words.length > MAX_POOLED_WORDS) return;
	let list = pool.get(words.length);
	if (!list) pool.set(words.length, (list = []));
	list.push(words);
	pooledWords += words.length;
}
