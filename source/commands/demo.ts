// `livemig demo NAME|FILE`: a scripted demo played live, for a lecture.
import type {Command} from '../config/command.js';
import {algorithmsFlag, consoleFlags, scenarioFlags} from '../config/flags.js';

export const demo: Command = {
	name: 'demo',
	usage: 'demo NAME|FILE',
	summary: 'play a scripted demo live (keys still work; q ends it)',
	// The demo names its scenario file; flags override it.
	flags: [...scenarioFlags, algorithmsFlag, ...consoleFlags],
	async run(inv) {
		const {demoRun, playDemo} = await import('../demo/demo-run.js');
		return playDemo(await demoRun(inv));
	},
};
