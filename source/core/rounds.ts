// Round bookkeeping: a round opens with the send set it starts from, counts what the
// sender moves while it is open, and closes with its duration, skips and dirt.

import type {EngineSetup, EngineState} from './engine-state.js';
import {emit} from './events.js';
import type {RoundKind, RoundRecord} from './types.js';

/** Opens a round at `rate` (bytes/ms); `restart` starts a new pass over the send set. */
export function beginRound(e: EngineSetup, s: EngineState, kind: RoundKind, rate: number, restart = true): void {
	s.sender.rate = rate;
	s.sender.skipDirty = kind === 'live' && e.rule.skipsRedirtied;
	if (restart) s.sender.restart(s.now, 'forward', kind === 'push');
	s.cur = {
		index: s.rounds.length,
		kind,
		startMs: s.now,
		durationMs: 0,
		pagesToSend: s.st.toSend.count,
		pagesSent: 0,
		pagesSkipped: 0,
		pagesDirtied: 0,
		bytesSent: 0,
		zeroPages: 0,
		rateBitsPerSec: rate * 8000,
	};
	emit(s.log, {type: 'round-start', t: s.now, round: s.cur.index, kind, pagesToSend: s.cur.pagesToSend, rateBitsPerSec: rate * 8000});
}

/** Closes the round under way at `now` and returns it (null if none was open); `cutOff`: the run ended in it. */
export function closeRound(s: EngineState, cutOff = false): RoundRecord | null {
	const r = s.cur;
	if (!r) return null;
	r.durationMs = s.now - r.startMs;
	r.pagesSkipped = s.sender.skipped;
	r.pagesDirtied = r.kind === 'live' ? s.st.dirty.count : 0;
	s.rounds.push(r);
	s.roundsView = s.rounds.slice();
	s.cur = null;
	const {index: round, kind, durationMs, pagesToSend, pagesSent, pagesSkipped, pagesDirtied, bytesSent} = r;
	emit(s.log, {type: 'round-end', t: s.now, round, kind, durationMs, pagesToSend, pagesSent, pagesSkipped, pagesDirtied, bytesSent, cutOff});
	return r;
}

/** The round under way as it would close now (a copy), or null. */
export function roundSoFar(s: EngineState): RoundRecord | null {
	const r = s.cur;
	return r ? {...r, durationMs: s.now - r.startMs, pagesSkipped: s.sender.skipped, pagesDirtied: r.kind === 'live' ? s.st.dirty.count : 0} : null;
}
