import { snsMessage } from './snsMessage';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('snsMessage', () => {
  const headline = '[HIGH] Checkout errors';
  const link = '\nDetails: https://portal.example.com/cloudops/incidents/1';

  it('gives people the text and machines the document', () => {
    const message = JSON.parse(
      snsMessage({ text: `Checkout errors${link}`, headline, document: '{}' }),
    );
    expect(message).toMatchObject({
      default: `Checkout errors${link}`,
      sms: headline,
      sqs: '{}',
      https: '{}',
    });
  });

  it('stays within what SNS takes when the description is long, keeping the link', () => {
    // 20,000 characters of CJK text: 60,000 bytes, in the text and the document.
    const description = '障'.repeat(20_000);
    const text = `Checkout errors\n${description}${link}`;
    const document = JSON.stringify({ description });
    const message = snsMessage({ text, headline, document });
    expect(bytes(message)).toBeLessThanOrEqual(248 * 1024);
    expect(JSON.parse(message)).toEqual({ default: text, sms: headline });
  });

  it('cuts the text itself when that alone is too long', () => {
    const text = `Checkout errors\n${'障'.repeat(100_000)}${link}`;
    const message = snsMessage({ text, headline, document: '{}' });
    expect(bytes(message)).toBeLessThanOrEqual(248 * 1024);
    const { default: cut } = JSON.parse(message);
    expect(cut.startsWith('Checkout errors\n障')).toBe(true);
    expect(cut.endsWith(`… (cut to fit SNS's message size)${link}`)).toBe(true);
  });
});
