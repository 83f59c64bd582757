import { comparePaths, formatPath, PathSegment } from '../rules/paths';
import { schemaProblems } from '../rules/schemaProblems';
import { readYamlDocument } from '../rules/yamlDocument';
import { RUNBOOK_FILE_SCHEMA } from './schema';
import { ParsedRunbooks, Runbook } from './types';

/**
 * Parses and validates a YAML runbook file (`runbooks:`, a list): YAML
 * syntax, the schema and unique ids. Errors carry the file, line and
 * column, like rule file errors (`file:line:column: runbooks[1].id: …`).
 *
 * @public
 */
export function parseRunbookFile(
  text: string,
  fileName: string,
): ParsedRunbooks {
  const document = readYamlDocument(text, fileName);
  if ('errors' in document) {
    return { runbooks: [], errors: document.errors };
  }
  const { data, locate } = document;
  const problems = schemaProblems(data, RUNBOOK_FILE_SCHEMA);
  const list =
    problems.length === 0 ? (data as { runbooks: Runbook[] }).runbooks : [];
  const seen = new Map<string, number>();
  list.forEach((runbook, index) => {
    const first = seen.get(runbook.id);
    if (first !== undefined) {
      problems.push({
        path: ['runbooks', index, 'id'],
        message: `duplicate id "${runbook.id}" (also runbooks[${first}])`,
      });
    } else {
      seen.set(runbook.id, index);
    }
  });
  const errors = problems
    .sort((a, b) => comparePaths(a.path, b.path))
    .map(problem => {
      const path = formatPath(problem.path as PathSegment[], 'runbooks');
      return {
        file: fileName,
        ...locate(problem.path, problem.at),
        message: path ? `${path}: ${problem.message}` : problem.message,
      };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return errors.length ? { runbooks: [], errors } : { runbooks: list, errors };
}
