// The bottom line: the main keys, as many as fit, straight from the key table.
import {memo} from 'react';
import {Text} from 'ink';
import {footerLine} from '../chrome.js';
import type {Theme} from '../theme.js';

export const Footer = memo(function Footer({theme, width, note}: {theme: Theme; width: number; note?: string}) {
	return <Text wrap="truncate-end">{footerLine(theme, width, note)}</Text>;
});
