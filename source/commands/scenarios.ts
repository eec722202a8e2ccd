import {registerHandler} from '../cli/main.js';
import {UsageError} from '../basics/errors.js';
import {shippedScenarios} from '../config/scenario-file.js';
import {scenarioJsonSchema} from '../config/scenario-schema.js';


registerHandler('schema', async (inv) => {
	if (inv.input.length) throw new UsageError(`schema: unexpected argument "${inv.input[0]}"`);
	process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
	return 0;
});

registerHandler('scenarios', async (inv) => {
	if (inv.input.length) throw new UsageError(`scenarios: unexpected argument "${inv.input[0]}"`);
	const list = shippedScenarios();
	if (inv.flags.json) {
		process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
		return 0;
	}
	const width = Math.max(...list.map((s) => s.name.length));
	for (const s of list) process.stdout.write(`${s.name.padEnd(width)}  ${s.title}${s.hasDemo ? '  [demo]' : ''}\n`);
	process.stdout.write('\nlivemig race --scenario NAME   livemig demo NAME   livemig record NAME --out NAME.cast\n');
	return 0;
});
