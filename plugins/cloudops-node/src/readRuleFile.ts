import { readFile } from 'node:fs/promises';
import {
  ParsedRules,
  parseRuleFile,
  unreadableRuleFile,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * Reads and validates one rule file; a file that cannot be read comes back
 * as an error, like any other problem with it.
 *
 * @public
 */
export async function readRuleFile(file: string): Promise<ParsedRules> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return unreadableRuleFile(file, error as Error);
  }
  return parseRuleFile(text, file);
}
