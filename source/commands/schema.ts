// `livemig schema`: the scenario format's JSON Schema, for editors.
import {UsageError} from '../basics/errors.js';
import type {Command} from '../config/command.js';
import {jsonFlag} from '../config/flags.js';

export const schema: Command = {
	name: 'schema',
	usage: 'schema',
	summary: 'print the scenario format\'s JSON Schema',
	flags: [jsonFlag],
	async run(inv) {
		if (inv.input.length) throw new UsageError(`schema: unexpected argument "${inv.input[0]}"`);
		const {scenarioJsonSchema} = await import('../config/scenario-schema.js');
		process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
		return 0;
	},
};
