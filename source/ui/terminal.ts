// The few escape sequences the console writes itself (Ink writes the rest).
export const ALT_SCREEN_ON = '\u001B[?1049h';
export const ALT_SCREEN_OFF = '\u001B[?1049l';
export const CLEAR_HOME = '\u001B[H\u001B[2J';
export const HOME = '\u001B[H';
export const HIDE_CURSOR = '\u001B[?25l';
export const SHOW_CURSOR = '\u001B[?25h';
export const RESET_ATTRIBUTES = '\u001B[0m';
