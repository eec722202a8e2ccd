// `livemig run ALGORITHM`: one migration, full width.
import type {Command} from '../config/command.js';
import {consoleFlags, jsonFlag, scenarioFileFlag, scenarioFlags} from '../config/flags.js';

export const run: Command = {
	name: 'run',
	usage: 'run <precopy|postcopy|hybrid>',
	summary: 'one migration, full width',
	// No --algorithms: run names its one algorithm itself.
	flags: [...scenarioFlags, scenarioFileFlag, ...consoleFlags, jsonFlag],
	async run(inv) {
		const [{resolveSingle}, {playRace}] = await Promise.all([import('../config/run-options.js'), import('../demo/play.js')]);
		return playRace(await resolveSingle(inv), Boolean(inv.flags.json));
	},
};
