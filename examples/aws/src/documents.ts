import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const DOCUMENTS_DIR = join(__dirname, '..', 'documents');

/** The SSM Automation documents remediation runs, by name (`CloudOps-…`). */
export function automationDocuments(): Array<{ name: string; content: any }> {
  return readdirSync(DOCUMENTS_DIR)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file => ({
      name: file.replace(/\.yaml$/, ''),
      content: parse(readFileSync(join(DOCUMENTS_DIR, file), 'utf8')),
    }));
}
