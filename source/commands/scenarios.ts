// `livemig scenarios`: the shipped scenarios, one line each (or as JSON).
import {type Command, refuseArguments} from '../config/command.js';
import {jsonFlag} from '../config/flags.js';

export const scenarios: Command = {
	name: 'scenarios',
	usage: 'scenarios',
	summary: 'list the shipped scenarios (a name works wherever a file does)',
	flags: [jsonFlag],
	async run(inv) {
		refuseArguments(inv);
		// zod checks every shipped file as it is listed.
		const {shippedScenarios} = await import('../config/scenario-file.js');
		const list = shippedScenarios();
		if (inv.flags.json) {
			process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
			return 0;
		}
		const width = Math.max(...list.map((s) => s.name.length));
		for (const s of list) process.stdout.write(`${s.name.padEnd(width)}  ${s.title}${s.hasDemo ? '  [demo]' : ''}\n`);
		process.stdout.write('\nlivemig race --scenario NAME   livemig demo NAME   livemig record NAME --out NAME.cast\n');
		return 0;
	},
};
