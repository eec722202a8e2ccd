// QMP wire format, pure: one parser for the harness and `livemig watch` (source/watch/qmp-wire.ts).
export {LineSplitter, parseQmpLine, qmpCommand, type QmpMessage, qmpTimeMs} from '../source/watch/qmp-wire.js';
