import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { JsonArray } from '@backstage/types';

/** Metric math over each catalog load balancer: the share of 5XX answers. */
export const albErrorRate: Rule = {
  id: 'alb-error-rate',
  match: { kind: 'metric', source: 'cloudwatch', name: 'alb-error-rate' },
  query: {
    cloudwatch: {
      expression: '100 * errors / requests',
      metrics: {
        errors: {
          namespace: 'AWS/ApplicationELB',
          metric: 'HTTPCode_Target_5XX_Count',
          stat: 'Sum',
        },
        requests: {
          namespace: 'AWS/ApplicationELB',
          metric: 'RequestCount',
          stat: 'Sum',
        },
      },
    },
  },
  condition: { type: 'threshold', op: '>', value: 5 },
  severity: 'high',
};

/** A custom metric with every dimension given: read in every account and region. */
export function queueDepth(period = '1m'): Rule {
  return {
    id: 'orders-queue-depth',
    match: { kind: 'metric', source: 'cloudwatch', name: 'QueueDepth' },
    query: {
      cloudwatch: {
        namespace: 'Shop/Orders',
        metric: 'QueueDepth',
        dimensions: { Queue: 'orders' },
        stat: 'Maximum',
        period,
      },
    },
    condition: { type: 'threshold', op: '>', value: 1000 },
    severity: 'warning',
  };
}

/** Rules as configuration data (`cloudops.rules.inline`). */
export function inlineRules(rules: Rule[]): JsonArray {
  return JSON.parse(JSON.stringify(rules));
}
