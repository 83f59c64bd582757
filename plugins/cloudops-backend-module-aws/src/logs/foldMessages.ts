/** Rewrites the variable parts of a log message, so that alike messages fold together. */
export function messagePattern(message: string): string {
  return message
    .replace(
      /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g,
      '<time>',
    )
    .replace(
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
      '<uuid>',
    )
    .replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, '<ip>')
    .replace(/\b(0x)?[0-9a-f]*\d[0-9a-f]*\b/gi, m =>
      m.length >= 8 ? '<hex>' : m,
    )
    .replace(/\d+(\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/** A message (or a pattern of messages) with how often and when it was seen. */
export interface MessageCount {
  message: string;
  count: number;
  /** ISO 8601. */
  first: string;
  last: string;
}

/**
 * Folds per-message counts into per-pattern counts, most frequent first;
 * each pattern keeps its most frequent message as the example.
 */
export function foldMessages(
  counts: MessageCount[],
  limit: number,
): Array<MessageCount & { example: string }> {
  const folded = new Map<
    string,
    MessageCount & { example: string; exampleCount: number }
  >();
  for (const c of counts) {
    const pattern = messagePattern(c.message);
    const entry = folded.get(pattern);
    if (!entry) {
      folded.set(pattern, {
        ...c,
        message: pattern,
        example: c.message,
        exampleCount: c.count,
      });
      continue;
    }
    entry.count += c.count;
    if (c.first < entry.first) entry.first = c.first;
    if (c.last > entry.last) entry.last = c.last;
    if (c.count > entry.exampleCount) {
      entry.example = c.message;
      entry.exampleCount = c.count;
    }
  }
  return [...folded.values()]
    .sort((a, b) => b.count - a.count || a.message.localeCompare(b.message))
    .slice(0, limit)
    .map(({ exampleCount: _unused, ...rest }) => rest);
}
