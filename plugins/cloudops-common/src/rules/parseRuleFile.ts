import {
  Document,
  isMap,
  isNode,
  isScalar,
  LineCounter,
  Node,
  parseDocument,
} from 'yaml';
import { PathSegment } from './paths';
import { ParsedRules, RuleError } from './types';
import { Locator, validateRules } from './validateRules';

const MAX_ALIAS_COUNT = 100;

function keyNode(doc: Document, path: PathSegment[]): Node | undefined {
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) {
    return undefined;
  }
  const key = path[path.length - 1];
  const pair = parent.items.find(
    item => isScalar(item.key) && String(item.key.value) === String(key),
  );
  return isNode(pair?.key) ? pair?.key : undefined;
}

/** Locates paths in a YAML document: the nearest node that exists. */
function yamlLocator(doc: Document, lineCounter: LineCounter): Locator {
  return (path, at) => {
    let node = at === 'key' ? keyNode(doc, path) : undefined;
    for (let depth = path.length; !node && depth > 0; depth--) {
      const found = doc.getIn(path.slice(0, depth), true);
      node = isNode(found) ? found : undefined;
    }
    node ??= isNode(doc.contents) ? doc.contents : undefined;
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
}

/**
 * Parses and validates a YAML rules file: the YAML syntax, the schema, and
 * durations, regular expressions, templates and unique ids. Errors carry the
 * line and column of the offending value (of the object, for a missing
 * property).
 *
 * @param text - the file's contents
 * @param fileName - the name errors refer to
 * @public
 */
export function parseRuleFile(text: string, fileName: string): ParsedRules {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = (offset: number, message: string): RuleError => {
    const { line, col } = lineCounter.linePos(offset);
    return {
      file: fileName,
      line,
      column: col,
      message: `invalid YAML: ${message}`,
    };
  };
  if (doc.errors.length > 0) {
    return {
      rules: [],
      origins: [],
      errors: doc.errors.map(e => yamlError(e.pos[0], e.message)),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // Aliases that expand too far ("billion laughs").
    return {
      rules: [],
      origins: [],
      errors: [yamlError(0, (error as Error).message)],
    };
  }
  return validateRules(data, {
    file: fileName,
    root: 'rules',
    locate: yamlLocator(doc, lineCounter),
  });
}

/**
 * What a rules file that cannot be read gives: no rules and one error without
 * a position.
 *
 * @public
 */
export function unreadableRuleFile(
  fileName: string,
  error: Error,
): ParsedRules {
  return {
    rules: [],
    origins: [],
    errors: [
      {
        file: fileName,
        line: 0,
        column: 0,
        message: `cannot read the file: ${error.message}`,
      },
    ],
  };
}
