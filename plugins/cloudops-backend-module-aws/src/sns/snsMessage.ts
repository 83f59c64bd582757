/** What SNS takes in one message, attributes included (256 KiB). */
const MAX_BYTES = 256 * 1024;
/** Room kept for the message attributes and the JSON around the text. */
const RESERVED_BYTES = 8 * 1024;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The text cut to at most `budget` bytes: its beginning and its last line
 * (the link to the incident), with a line saying it was cut.
 */
function cutTo(text: string, budget: number): string {
  const newline = text.lastIndexOf('\n');
  const last = newline >= 0 ? text.slice(newline) : '';
  const note = "\n… (cut to fit SNS's message size)";
  let head = text.slice(0, newline >= 0 ? newline : text.length);
  const room = budget - bytes(note) - bytes(last);
  // Characters take up to 4 bytes: shorten until it fits.
  while (bytes(head) > room && head.length > 0) {
    head = head.slice(0, Math.floor(head.length * (room / bytes(head))) - 1);
  }
  return `${head}${note}${last}`;
}

/**
 * The `Message` of a JSON-structured SNS publish: the text for people
 * (`default`, `email`), the headline for SMS, and the delivery document for
 * machines (`email-json`, SQS, Lambda, HTTP(S), Firehose). When that is over
 * what SNS takes (a long description is in the document and in the text),
 * machines get the text too, cut to fit if it must be, rather than the
 * notification being refused.
 */
export function snsMessage(parts: {
  text: string;
  headline: string;
  document: string;
}): string {
  const { text, headline, document } = parts;
  const full = JSON.stringify({
    default: text,
    email: text,
    sms: headline,
    'email-json': document,
    sqs: document,
    lambda: document,
    http: document,
    https: document,
    firehose: document,
  });
  if (bytes(full) <= MAX_BYTES - RESERVED_BYTES) return full;
  const budget = MAX_BYTES - RESERVED_BYTES - bytes(headline) * 2;
  const escaped = (s: string) => bytes(JSON.stringify(s));
  let fitted = text;
  if (escaped(fitted) > budget)
    fitted = cutTo(text, budget - (escaped(text) - bytes(text)));
  return JSON.stringify({ default: fitted, sms: headline });
}
