/** One step into a rules document: a mapping key or a list index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/**
 * Writes a path as in `rules[2].condition.op`, with `root` in place of a
 * leading `rules` (the config key, for inline rules).
 */
export function formatPath(path: PathSegment[], root: string): string {
  let text = '';
  for (const [index, segment] of path.entries()) {
    if (index === 0) {
      text = segment === 'rules' ? root : String(segment);
    } else if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (IDENTIFIER.test(segment)) {
      text += `.${segment}`;
    } else {
      text += `[${JSON.stringify(segment)}]`;
    }
  }
  return text;
}

/** Orders paths so that list items come in index order (rule by rule). */
export function comparePaths(a: PathSegment[], b: PathSegment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return typeof a[i] === 'number' && typeof b[i] === 'number'
        ? (a[i] as number) - (b[i] as number)
        : String(a[i]).localeCompare(String(b[i]));
    }
  }
  return a.length - b.length;
}
