// The destination's placing time (--postcopy-place-rate) as channel bytes. After the switch the
// thread that reads the stream also places each page (ram_load_postcopy, migration/ram.c), so
// a page holds the channel for its bytes or, if longer, its placing time. The channel counts
// whole bytes (Sender's segments), so the placing time is rounded up to one: sums of spans
// never depend on how the pages were split into calls.

/** Channel bytes a page of `bytes` takes at `rate` (bytes/ms) when placing it takes `placeMs`. */
export function placeSpan(bytes: number, placeMs: number, rate: number): number {
	return placeMs === 0 ? bytes : Math.max(bytes, Math.ceil(placeMs * rate));
}
