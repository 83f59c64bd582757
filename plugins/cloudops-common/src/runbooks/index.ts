export type { Runbook, ParsedRunbooks } from './types';
export { RUNBOOK_FILE_SCHEMA } from './schema';
export { parseRunbookFile } from './parseRunbookFile';
