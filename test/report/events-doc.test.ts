// docs/events.md documents every event: each type, each stop rule, each field the schema has.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {z} from 'zod';
import {eventTypes, stopRuleNames} from '../../source/core/index.js';
import {eventSchema} from '../../source/report/event-schema.js';

const doc = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');

/** Every object in the event schema's unions, with its fields. */
function objects(schema: z.ZodType): Array<{type: string; rule?: string; fields: string[]}> {
	const def = (schema as unknown as {def: {type: string; options?: z.ZodType[]; shape?: Record<string, z.ZodType>}}).def;
	if (def.options) return def.options.flatMap(objects);
	const shape = (schema as unknown as {shape: Record<string, {def: {values?: string[]}}>}).shape;
	const literal = (k: string) => (shape[k]?.def as {values?: unknown[]} | undefined)?.values?.[0] as string | undefined;
	return [{type: literal('type')!, rule: literal('rule'), fields: Object.keys(shape)}];
}

describe('docs/events.md', () => {
	it('has a row for every event type and every stop rule', () => {
		for (const t of eventTypes) expect(doc, t).toContain(`| \`${t}\` |`);
		for (const r of stopRuleNames) expect(doc, r).toContain(`| \`${r}\` |`);
	});

	it('names every field of every event, in its type\'s (or its rule\'s) row', () => {
		const all = objects(eventSchema);
		expect(all.length).toBe(eventTypes.length - 1 + stopRuleNames.length);
		for (const o of all) {
			const row = doc.split('\n').find((l) => l.startsWith(`| \`${o.rule ?? o.type}\` |`))!;
			const general = doc.split('\n').find((l) => l.startsWith('| `stop` |'))!;
			for (const f of o.fields.filter((x) => x !== 'type' && x !== 't' && x !== 'rule'))
				expect(`${row}${o.rule ? general : ''}`, `${o.rule ?? o.type}.${f}`).toContain(`\`${f}\``);
		}
	});
});
