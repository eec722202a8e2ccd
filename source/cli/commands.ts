// Each command module registers its flags, help line and handler when imported.
// Add a command by adding its import here.
import '../experiments/sweep-command.js';
import '../trace/trace-command.js';
import '../files/files-commands.js';
import '../record/record-command.js';
export {};
