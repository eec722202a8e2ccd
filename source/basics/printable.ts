// Text from a file or a flag can hold terminal escape sequences; echoed raw to stderr or
// drawn in the console they would recolour, move the cursor, retitle the window or worse.
// (A leaf module: node:util's stripVTControlCharacters leaves an OSC's text behind when
// it has a space in it, so the ECMA-48 shapes are spelled out here.)

// String sequences (OSC, DCS, SOS, PM, APC, by ESC or C1): everything up to ST or BEL, or
// to the end when the terminator is missing.
const STRING_SEQUENCE = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
// CSI (by ESC [ or C1), then any other ESC sequence: intermediates and a final byte.
const CONTROL_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b[ -/]*[0-~]?/g;
const LINE_BREAKS_AND_TABS = /[\t\n\v\f\r]+/g;
// What is left: C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The text without escape sequences and control characters, so it is one line and shows
 * as written. Whole sequences go (not only their ESC, which would leave "[31m" behind);
 * tabs and line breaks become one space, so words stay apart and a caption's width stays
 * what it seems.
 */
export function printable(text: string): string {
	return text.replace(STRING_SEQUENCE, '').replace(CONTROL_SEQUENCE, '').replace(LINE_BREAKS_AND_TABS, ' ').replace(CONTROL, '');
}
