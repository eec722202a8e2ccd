// What other parts of livemig (recordings, scripted demos) use of the console: the root
// component, the render helper, the driver, the clocks and the theme.
export {ConsoleApp, type ConsoleAppProps} from './app.js';
export {createDriver, finalReport, renderConsole, runConsole, type ConsoleRun, type RenderConsoleOptions, type RenderedConsole} from './render.js';
export {EngineDriver, type DriverFrame, type DriverOptions} from './engine-driver.js';
export {type Clock, createVirtualClock, realClock, type VirtualClock} from './clock.js';
export {createTheme, themeForDisplay, type Theme} from './theme.js';
export {actionFor, keyBindings, type Action} from './keys.js';
export {defaultSpeed} from './speed.js';
