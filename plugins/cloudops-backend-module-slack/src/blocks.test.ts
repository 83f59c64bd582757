import { remediation, request } from './__testUtils__/deliveryRequest';
import { explanationBlocks, fallbackText, incidentBlocks } from './blocks';
import { SLACK_LIMITS } from './limits';

/** Every text object of some blocks, with the limit Slack puts on it. */
function textObjects(blocks: unknown[]): Array<[string, number]> {
  const found: Array<[string, number]> = [];
  for (const block of blocks as any[]) {
    if (block.type === 'header') found.push([block.text.text, 150]);
    if (block.text) found.push([block.text.text, 3000]);
    for (const field of block.fields ?? []) found.push([field.text, 2000]);
    for (const element of block.elements ?? []) {
      if (element.confirm) found.push([element.confirm.text.text, 300]);
    }
  }
  return found;
}

const arns = Array.from(
  { length: 60 },
  (_, i) =>
    `arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc${String(i).padStart(
      12,
      '0',
    )}`,
);

describe('fallbackText', () => {
  it('escapes what comes from alerts and remediations, as the blocks do', () => {
    const evil =
      'HighErrors: <!channel> <https://evil.example/approve|Approve here> & more';
    expect(
      fallbackText(
        request({ incident: { ...request().incident, title: evil } }),
      ),
    ).toBe(
      ':red_circle: CRITICAL: HighErrors: &lt;!channel&gt; &lt;https://evil.example/approve|Approve here&gt; &amp; more',
    );
    expect(
      fallbackText(
        request({
          event: 'approval-requested',
          remediation: remediation({ executor: '<!here>', ref: '<@U1>' }),
        }),
      ),
    ).toBe(':red_circle: Approval needed: &lt;!here&gt; &lt;@U1&gt;');
  });

  it('is cut to the length Slack advises', () => {
    const title = 'x'.repeat(50_000);
    const text = fallbackText(
      request({ incident: { ...request().incident, title } }),
    );
    expect(text).toHaveLength(SLACK_LIMITS.text);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('incidentBlocks', () => {
  it('keeps an approval request with 60 targets and long summaries within Slack’s limits', () => {
    const long = 'y'.repeat(5000);
    const blocks = incidentBlocks(
      request({
        event: 'approval-requested',
        entity: { ref: long, title: long, environment: long, ownerRef: long },
        rca: { headline: long, evidence: [] },
        remediation: remediation({
          ref: long,
          policy: {
            approvalsRequired: 2,
            reasons: [long, 'critical in production needs 2 approver(s)'],
            targets: arns,
          },
          dryRun: { status: 'succeeded', summary: long },
          outcome: { status: 'failed', summary: long },
        } as any),
      }),
    );
    for (const [text, limit] of textObjects(blocks)) {
      expect(text.length).toBeLessThanOrEqual(limit);
    }
    const section = (blocks as any[])[3].text.text as string;
    expect(section).toMatch(
      /^Targets: arn:aws:ec2:eu-west-1:123456789012:instance\/i-0abc000000000000, .*, …and \d+ more$/m,
    );
    expect(section).toMatch(/^Approvals: 0\/2 \(requested by cloudops\)$/m);
    expect(section).toMatch(/^Dry run: succeeded — y+…$/m);
    expect(section).toMatch(/^Outcome: failed — y+…$/m);
    expect(section).toMatch(/^_y+…; …and 1 more_$/m);
  });

  it('leaves a message within the limits as it is', () => {
    const blocks = incidentBlocks(
      request({
        event: 'approval-requested',
        remediation: remediation({
          policy: {
            approvalsRequired: 1,
            reasons: ['a', 'b'],
            targets: arns.slice(0, 3),
          },
        }),
      }),
    );
    expect((blocks as any[])[3].text.text).toBe(
      [
        ':wrench: *Remediation:* `ssm` RestartCheckoutPods — *awaiting-approval*',
        'Approvals: 0/1 (requested by cloudops)',
        `Targets: ${arns.slice(0, 3).join(', ')}`,
        '_a; b_',
      ].join('\n'),
    );
  });
});

describe('explanationBlocks', () => {
  it('keeps a long explanation within Slack’s limits', () => {
    const long = '<z>'.repeat(2000);
    const blocks = explanationBlocks(long, {
      headline: long,
      evidence: [long, long, 'short'],
    });
    for (const [text, limit] of textObjects(blocks)) {
      expect(text.length).toBeLessThanOrEqual(limit);
    }
    const [why, evidence] = (blocks as any[]).map(b => b.text.text);
    // Cut between escapes, never inside one.
    expect(why).toMatch(/^:mag: \*Why: (&lt;|z|&gt;)+…\*\n(&lt;|z|&gt;)+…$/);
    expect(evidence).toMatch(/^\*Evidence\*\n• (&lt;|z|&gt;)+…\n…and 2 more$/);
  });
});
