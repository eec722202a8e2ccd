// `livemig schema`: the scenario format's JSON Schema, for editors.
import {type Command, refuseArguments} from '../config/command.js';
import {jsonFlag} from '../config/flags.js';

export const schema: Command = {
	name: 'schema',
	usage: 'schema',
	summary: 'print the scenario format\'s JSON Schema',
	flags: [jsonFlag],
	async run(inv) {
		refuseArguments(inv);
		const {scenarioJsonSchema} = await import('../config/scenario-schema.js');
		process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
		return 0;
	},
};
