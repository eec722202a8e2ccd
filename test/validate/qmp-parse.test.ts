import {describe, expect, it} from 'vitest';
import {LineSplitter, parseQmpLine, qmpCommand, qmpTimeMs} from '../../validate/qmp-parse.js';

describe('QMP line splitting', () => {
	it('joins a line cut across chunks and keeps the unfinished tail', () => {
		const s = new LineSplitter();
		expect(s.push('{"return": {}, "id"')).toEqual([]);
		expect(s.push(': 1}\r\n{"event": "STOP", "timestamp": {"seconds": 1, "microseconds": 2}}\r\n{"ret')).toEqual([
			'{"return": {}, "id": 1}',
			'{"event": "STOP", "timestamp": {"seconds": 1, "microseconds": 2}}',
		]);
		expect(s.pending).toBe('{"ret');
		expect(s.push('urn": {}, "id": 2}\n')).toEqual(['{"return": {}, "id": 2}']);
	});

	it('drops empty lines', () => {
		expect(new LineSplitter().push('\r\n\n{"return": {}}\n')).toEqual(['{"return": {}}']);
	});
});

describe('QMP messages', () => {
	it('reads the greeting version', () => {
		const m = parseQmpLine('{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": ""}, "capabilities": ["oob"]}}');
		expect(m).toEqual({kind: 'greeting', version: '7.2.22'});
	});

	it('tells replies, errors and events apart, with ids and timestamps', () => {
		expect(parseQmpLine('{"return": {"status": "active"}, "id": 7}')).toEqual({kind: 'return', id: 7, value: {status: 'active'}});
		expect(parseQmpLine('{"id": 3, "error": {"class": "GenericError", "desc": "Parameter x is invalid"}}')).toEqual({
			kind: 'error',
			id: 3,
			errorClass: 'GenericError',
			desc: 'Parameter x is invalid',
		});
		const e = parseQmpLine('{"timestamp": {"seconds": 1764623400, "microseconds": 250000}, "event": "MIGRATION_PASS", "data": {"pass": 2}}');
		expect(e).toEqual({kind: 'event', event: 'MIGRATION_PASS', timeMs: 1764623400250, data: {pass: 2}});
	});

	it('an event between a command and its reply does not take the reply', () => {
		const s = new LineSplitter();
		const lines = s.push('{"timestamp": {"seconds": 5, "microseconds": 0}, "event": "RESUME"}\r\n{"return": {}, "id": 4}\r\n');
		expect(lines.map((l) => parseQmpLine(l).kind)).toEqual(['event', 'return']);
	});

	it('reports garbage instead of throwing', () => {
		expect(parseQmpLine('not json').kind).toBe('garbage');
		expect(parseQmpLine('[1,2]').kind).toBe('garbage');
		expect(parseQmpLine('{"foo": 1}').kind).toBe('garbage');
	});

	it('a missing timestamp is NaN, not zero', () => {
		expect(qmpTimeMs(undefined)).toBeNaN();
		expect(qmpTimeMs({seconds: 2, microseconds: 500})).toBe(2000.5);
	});

	it('writes commands with ids, arguments only when given', () => {
		expect(qmpCommand('query-migrate', 9)).toBe('{"execute":"query-migrate","id":9}\n');
		expect(JSON.parse(qmpCommand('migrate', 1, {uri: 'tcp:127.0.0.1:4444'}))).toEqual({execute: 'migrate', arguments: {uri: 'tcp:127.0.0.1:4444'}, id: 1});
	});
});
