// The one list of commands, in the order --help shows them, and the flag table made from
// their flag lists. The only module that imports commands/ (test/architecture checks it):
// a command file is data and a run function, and loads what it runs only when it runs.
import {demo} from '../commands/demo.js';
import {race} from '../commands/race.js';
import {record} from '../commands/record.js';
import {replay} from '../commands/replay.js';
import {run} from '../commands/run.js';
import {scenarios} from '../commands/scenarios.js';
import {schema} from '../commands/schema.js';
import {snapshot} from '../commands/snapshot.js';
import {sweep} from '../commands/sweep.js';
import {trace} from '../commands/trace.js';
import {watch} from '../commands/watch.js';
import type {Command} from '../config/command.js';
import {type FlagSpec, sharedFlags} from '../config/flags.js';

export const commands: readonly Command[] = [race, run, sweep, trace, scenarios, schema, demo, record, snapshot, watch, replay];

/** Every flag once: the shared ones first, then each command's own, in command order (--help's order). */
export function flagTable(list: readonly Command[]): FlagSpec[] {
	const table = [...sharedFlags];
	for (const command of list)
		for (const flag of command.flags) {
			const known = table.find((f) => f.name === flag.name);
			// Two commands reading one flag share its definition (config/flags.ts), so --help says one thing.
			if (known && known !== flag) throw new Error(`--${flag.name} is defined twice (again by ${command.name})`);
			if (!known) table.push(flag);
		}
	return table;
}

export const flags: readonly FlagSpec[] = flagTable(commands);
