import { WasteFinding } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** A finding for tests: an idle instance of `monthly` cost. */
export function idleFinding(
  id: string,
  monthly: number,
  overrides: Partial<WasteFinding> = {},
): WasteFinding {
  return {
    kind: 'ec2-idle',
    resource: {
      id: `arn:aws:ec2:us-east-1:111111111111:instance/${id}`,
      type: 'ec2:instance',
      name: id,
      region: 'us-east-1',
      account: '111111111111',
      labels: {},
    },
    title: `Idle EC2 instance ${id}`,
    current: {
      description: 'm5.large, running',
      monthlyCost: monthly,
      spec: {},
    },
    recommended: {
      action: 'stop',
      description: 'Stopped',
      monthlyCost: 0,
      spec: {},
    },
    monthlySavings: monthly,
    currency: 'USD',
    confidence: 0.9,
    evidence: {
      summary: [`${id} idles`],
      charts: [
        {
          title: 'CPU',
          unit: '%',
          kind: 'line',
          series: [
            {
              name: 'CPU',
              points: [
                { t: 0, v: 1 },
                { t: 3600_000, v: 2 },
              ],
            },
          ],
          thresholds: [{ label: 'idle', value: 10 }],
        },
      ],
      metrics: { lowDays: 14 },
    },
    remediationParameters: { instanceId: id },
    ...overrides,
  };
}
