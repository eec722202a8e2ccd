// `livemig race`: pre-copy against post-copy (or any of the three) side by side.
import type {Command} from '../config/command.js';
import {algorithmsFlag, consoleFlags, jsonFlag, scenarioFileFlag, scenarioFlags} from '../config/flags.js';

export const race: Command = {
	name: 'race',
	usage: 'race',
	summary: 'pre-copy vs post-copy side by side (the default command)',
	flags: [...scenarioFlags, algorithmsFlag, scenarioFileFlag, ...consoleFlags, jsonFlag],
	async run(inv) {
		const [{resolveRace}, {playRace}] = await Promise.all([import('../config/run-options.js'), import('../demo/play.js')]);
		return playRace(await resolveRace(inv), Boolean(inv.flags.json));
	},
};
