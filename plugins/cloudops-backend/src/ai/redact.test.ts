import { redactDeep, redactText } from './redact';

describe('redaction', () => {
  it.each([
    [
      'AWS key AKIAIOSFODNN7EXAMPLE used',
      'AWS key [REDACTED:aws-access-key] used',
    ],
    [
      'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key=[REDACTED:secret]',
    ],
    ['password: hunter2, user ok', 'password: [REDACTED:secret], user ok'],
    ['{"db_password": "s3cr3t!"}', '{"db_password": "[REDACTED:secret]"}'],
    [
      'Authorization: Bearer abc.def-ghi_jkl',
      'Authorization: Bearer [REDACTED:token]',
    ],
    [
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U here',
      'token [REDACTED:jwt] here',
    ],
    [
      'postgres://app:pa55@db.internal:5432/x',
      'postgres://[REDACTED:credentials]@db.internal:5432/x',
    ],
    ['mail jane.doe@example.com now', 'mail [REDACTED:email] now'],
    ['card 4111 1111 1111 1111 declined', 'card [REDACTED:card] declined'],
    ['call +44 20 7946 0958', 'call [REDACTED:phone]'],
    ['from 10.1.2.3 to host', 'from [REDACTED:ip] to host'],
    ['slack xoxb-123456789012-abcdefghijkl', 'slack [REDACTED:slack-token]'],
    [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----',
      '[REDACTED:private-key]',
    ],
  ])('redacts %p', (input, output) => {
    expect(redactText(input).text).toBe(output);
  });

  it('leaves ordinary operational text alone', () => {
    for (const text of [
      'carts cpu (carts_cpu) +19.9 MAD at t+20s (1.25 → 100 %)',
      'component:default/payments-service latency p99 2.3 s, order 1693500000',
      'KubePodCrashLooping: pod checkout-7d9 restarted 5 times',
      'card number 4111 1111 1111 1112 fails its checksum',
    ]) {
      expect(redactText(text)).toEqual({ text, count: 0 });
    }
  });

  it('redacts every string of a structure and counts what it found', () => {
    const { value, count } = redactDeep({
      title: 'Login errors for jane@example.com',
      candidates: [{ evidence: ['api_key=abc123 rejected', 'fine'] }],
      score: 0.5,
    });
    expect(value).toEqual({
      title: 'Login errors for [REDACTED:email]',
      candidates: [
        { evidence: ['api_key=[REDACTED:secret] rejected', 'fine'] },
      ],
      score: 0.5,
    });
    expect(count).toBe(2);
  });
});
