// The watch console: a feed of snapshots (a live QMP poller, or a replay) on the screen, and
// the keys. q quits. With --control, c (migrate_cancel), p (migrate-start-postcopy) and +
// (a higher downtime-limit) each ask first and act only on y. A replay pauses with space and
// seeks with the arrow keys.
import {useApp, useInput, useStdout} from 'ink';
import React, {useEffect, useState} from 'react';
import type {Control} from '../../watch/poller.js';
import type {Snapshot} from '../../watch/tracker.js';
import {WatchView} from './WatchView.js';

export interface ReplayControls {
	togglePause(): void;
	seek(deltaMs: number): void;
	position(): string;
}

export interface WatchFeed {
	title: string;
	snapshot(): Snapshot;
	subscribe(l: (s: Snapshot) => void): () => void;
	/** Only with --control: sends the command to QEMU, resolves with 'ok' or QEMU's error. */
	control: ((c: Control) => Promise<string>) | null;
	replay: ReplayControls | null;
}

/** The downtime-limit `+` offers: what QEMU expects now rounded up to 50 ms, at least twice the limit. */
export function raisedLimit(s: Snapshot): number {
	const limit = s.downtimeLimitMs ?? 300;
	return Math.max(limit * 2, Math.ceil(s.expectedDowntimeMs / 50) * 50);
}

function question(c: Control): string {
	if (c.kind === 'cancel') return 'cancel the migration (migrate_cancel)? the VM stays at the source. y/n';
	if (c.kind === 'postcopy') return 'switch to post-copy (migrate-start-postcopy)? the VM moves now and faults pages over the link. y/n';
	return `set downtime-limit to ${c.ms} ms (migrate-set-parameters)? y/n`;
}

export function WatchApp({feed, color, ascii, onQuit}: {feed: WatchFeed; color: boolean; ascii: boolean; onQuit: () => void}): React.ReactElement {
	const [snap, setSnap] = useState(feed.snapshot());
	const [asking, setAsking] = useState<Control | null>(null);
	const [status, setStatus] = useState<string | null>(null);
	const {exit} = useApp();
	const stdout = useStdout().stdout as NodeJS.WriteStream;
	useEffect(() => feed.subscribe(setSnap), [feed]);
	useInput((input, key) => {
		if (asking) {
			setAsking(null);
			if (input !== 'y' && input !== 'Y') {
				setStatus('not sent');
				return;
			}
			const c = asking;
			setStatus(`sent ${c.kind}...`);
			void feed.control?.(c).then((r) => setStatus(r === 'ok' ? `${c.kind}: done` : `${c.kind}: QEMU refused: ${r}`));
			return;
		}
		if (input === 'q' || (key.ctrl && input === 'c')) {
			onQuit();
			exit();
			return;
		}
		if (feed.replay) {
			if (input === ' ') feed.replay.togglePause();
			else if (key.leftArrow) feed.replay.seek(-5000);
			else if (key.rightArrow) feed.replay.seek(5000);
			return;
		}
		if (!feed.control || snap.final) return;
		if (input === 'c') setAsking({kind: 'cancel'});
		else if (input === 'p') setAsking({kind: 'postcopy'});
		else if (input === '+') setAsking({kind: 'downtime-limit', ms: raisedLimit(snap)});
	});
	const keys = feed.replay
		? `q quit  space pause  ←/→ seek 5 s   ${feed.replay.position()}`
		: feed.control
			? snap.final
				? 'q quit'
				: 'q quit  c cancel  p post-copy  + raise downtime-limit'
			: snap.final
				? 'q quit'
				: 'q quit (watching only: --control enables c, p, +)';
	return (
		<WatchView
			snapshot={snap}
			title={feed.title}
			width={Math.max(40, (stdout.columns || 80) - 1)}
			height={stdout.rows || 24}
			color={color}
			ascii={ascii}
			footer={asking ? question(asking) : keys}
			status={status}
		/>
	);
}
