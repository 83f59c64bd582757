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
import { RuleError } from './types';

const MAX_ALIAS_COUNT = 100;

/** Finds the line and column (1-based, or 0 when unknown) of a path. */
export type Locator = (
  path: PathSegment[],
  at?: 'key',
) => { line: number; column: number };

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
 * Reads a YAML document for validation: its data and a locator that finds
 * the line and column of any path in it, or the syntax errors (with their
 * positions) when it is not valid YAML.
 */
export function readYamlDocument(
  text: string,
  fileName: string,
): { data: unknown; locate: Locator } | { errors: RuleError[] } {
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
    return { errors: doc.errors.map(e => yamlError(e.pos[0], e.message)) };
  }
  try {
    return {
      data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }),
      locate: yamlLocator(doc, lineCounter),
    };
  } catch (error) {
    // Aliases that expand too far ("billion laughs").
    return { errors: [yamlError(0, (error as Error).message)] };
  }
}
