/** A kind of secret or personal data, and how to find it in text. */
interface Redaction {
  label: string;
  pattern: RegExp;
  /** Keeps part of the match (a key name, a URL scheme); the rest is replaced. */
  keep?: (match: RegExpExecArray) => [string, string];
  /** Extra check on a match (e.g. the Luhn checksum of a card number). */
  accept?: (match: string) => boolean;
}

function luhn(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** In order: the more specific patterns first. */
const REDACTIONS: Redaction[] = [
  {
    label: 'private-key',
    pattern:
      /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  },
  {
    label: 'jwt',
    pattern: /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g,
  },
  { label: 'aws-access-key', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { label: 'slack-token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { label: 'github-token', pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}/g },
  {
    label: 'credentials',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s:@/]+:[^\s@/]+@/gi,
    keep: m => [m[1], '@'],
  },
  {
    label: 'token',
    pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/gi,
    keep: m => [`${m[1]} `, ''],
  },
  {
    label: 'secret',
    pattern:
      /\b((?:[a-z0-9]+[_-])*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth)(?:[_-][a-z0-9]+)*)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&"']+)/gi,
    keep: m => {
      const quote = /^["']/.test(m[3]) ? m[3][0] : '';
      return [`${m[1]}${m[2]}${quote}`, quote];
    },
  },
  {
    label: 'email',
    pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g,
  },
  {
    label: 'card',
    pattern: /\b\d(?:[ -]?\d){12,18}\b/g,
    accept: luhn,
  },
  {
    label: 'phone',
    pattern: /\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}\b/g,
  },
  {
    label: 'ip',
    pattern:
      /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g,
  },
];

/** Applies one redaction to a text: the new text and how many it replaced. */
function apply(
  text: string,
  { label, pattern, keep, accept }: Redaction,
): { text: string; count: number } {
  let count = 0;
  const result = text.replace(pattern, (...args) => {
    const match = args[0] as string;
    if (accept && !accept(match)) return match;
    count++;
    const groups = [match, ...args.slice(1, -2)] as unknown as RegExpExecArray;
    const [before, after] = keep ? keep(groups) : ['', ''];
    return `${before}[REDACTED:${label}]${after}`;
  });
  return { text: result, count };
}

/** Text with secrets and personal data replaced by `[REDACTED:kind]`. */
export function redactText(text: string): { text: string; count: number } {
  return REDACTIONS.reduce(
    (done, redaction) => {
      const next = apply(done.text, redaction);
      return { text: next.text, count: done.count + next.count };
    },
    { text, count: 0 },
  );
}

/**
 * Redacts every string in a JSON-like value (object keys are kept). Returns
 * the redacted copy and how many things were redacted.
 */
export function redactDeep<T>(value: T): { value: T; count: number } {
  let count = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const redacted = redactText(v);
      count += redacted.count;
      return redacted.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [
          k,
          walk(x),
        ]),
      );
    }
    return v;
  };
  const result = walk(value) as T;
  return { value: result, count };
}
