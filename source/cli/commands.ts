// Each command module registers its flags, help line and handler when imported.
// Add a command by adding its import here.
import '../trace/trace-command.js';
export {};
