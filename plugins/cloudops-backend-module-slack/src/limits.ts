/**
 * Slack's limits on what a message carries, in characters. Slack refuses a
 * message whose text objects are longer (`invalid_blocks`), so every text
 * made of incident or remediation data is cut to fit.
 */
export const SLACK_LIMITS = {
  /** A header block's text. */
  header: 150,
  /** A section block's text. */
  sectionText: 3000,
  /** Each of a section block's fields. */
  field: 2000,
  /** A confirmation dialog's text. */
  confirmText: 300,
  /** A message's top-level text (the notification): what Slack advises. */
  text: 4000,
} as const;

const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` characters, ending in … when cut. An escape
 * (`&amp;`, `&lt;`, `&gt;`) or a surrogate pair is never cut in two.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text
    .slice(0, Math.max(0, max - ELLIPSIS.length))
    .replace(/&[a-z]{0,3}$/, '')
    .replace(/[\uD800-\uDBFF]$/, '');
  return `${cut}${ELLIPSIS}`;
}

/** `text`, to be clipped to the characters it gets. */
export function clipping(text: string): Fitting {
  return max => clip(text, max);
}

/**
 * As many of `items` as fit in `max` characters, joined by `separator`,
 * followed by `…and N more` for the rest; when not even one fits, the
 * first one clipped.
 */
export function fitList(
  items: string[],
  separator: string,
  max: number,
): string {
  const all = items.join(separator);
  if (all.length <= max) return all;
  const more = (shown: number) =>
    `${separator}${ELLIPSIS}and ${items.length - shown} more`;
  if (items.length === 1) return clip(all, max);
  let shown = 0;
  let length = 0;
  for (let n = 1; n < items.length; n++) {
    length += (n > 1 ? separator.length : 0) + items[n - 1].length;
    if (length + more(n).length <= max) shown = n;
  }
  return shown
    ? `${items.slice(0, shown).join(separator)}${more(shown)}`
    : `${clip(items[0], max - more(1).length)}${more(1)}`;
}

/** A piece of text that can be shortened to a number of characters. */
export type Fitting = (max: number) => string;

/**
 * The parts joined by `separator` in at most `max` characters: parts that
 * fit their fair share stay whole, and what they leave is shared among the
 * longer ones, each shortened by its own rule.
 */
export function fitParts(
  parts: Fitting[],
  max: number,
  separator = '\n',
): string {
  const whole = parts.map(part => part(Infinity));
  let left = max - separator.length * Math.max(0, parts.length - 1);
  const shortestFirst = whole
    .map((_, i) => i)
    .sort((a, b) => whole[a].length - whole[b].length);
  const fitted: string[] = [];
  shortestFirst.forEach((i, done) => {
    const share = Math.max(0, Math.floor(left / (shortestFirst.length - done)));
    fitted[i] = whole[i].length <= share ? whole[i] : parts[i](share);
    left -= fitted[i].length;
  });
  return fitted.join(separator);
}
