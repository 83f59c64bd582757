import {
  findDuplicateRuleIds,
  formatRuleError,
  parseRuleFile,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const EXAMPLES = resolve(__dirname, '../../../../examples/rules');

/**
 * The remediation executors the example backend (packages/backend) registers
 * with the repository's app-config.yaml: the scaffolder module's and the demo
 * module's (aws-ssm-automation only comes with cloudops.aws.ssm configured).
 */
const EXAMPLE_EXECUTORS = ['scaffolder', 'demo'];

describe('examples/rules', () => {
  const files = readdirSync(EXAMPLES)
    .filter(name => name.endsWith('.yaml'))
    .sort();
  const parsed = files.map(name =>
    parseRuleFile(readFileSync(join(EXAMPLES, name), 'utf8'), name, {
      executors: EXAMPLE_EXECUTORS,
    }),
  );

  it('has the seed rule files', () => {
    expect(files).toEqual(['aws.yaml', 'kubernetes.yaml', 'predictive.yaml']);
  });

  it('are all valid with the example executors, with ids unique across the files', () => {
    const errors = [
      ...parsed.flatMap(p => p.errors),
      ...findDuplicateRuleIds(parsed.flatMap(p => p.origins)),
    ];
    expect(errors.map(formatRuleError)).toEqual([]);
    expect(parsed.map(p => p.rules.length)).toEqual([10, 7, 2]);
  });

  it('cover the seed alert set', () => {
    const conditions = Object.fromEntries(
      parsed.flatMap(p => p.rules).map(r => [r.id, r.condition.type]),
    );
    expect(conditions).toEqual({
      'aws-alb-5xx': 'firing',
      'aws-rds-cpu': 'firing',
      'aws-lambda-errors': 'firing',
      'aws-sqs-backlog': 'firing',
      'aws-health-event': 'firing',
      'aws-alb-error-rate': 'threshold',
      'aws-rds-free-storage': 'threshold',
      'aws-ecs-service-unhealthy': 'firing',
      'aws-rds-availability': 'firing',
      'aws-deployment-failed': 'firing',
      'k8s-crashloop': 'firing',
      'k8s-oomkilled': 'firing',
      'k8s-node-not-ready': 'firing',
      'k8s-cpu-warning': 'threshold',
      'k8s-cpu-critical': 'threshold',
      'k8s-memory-warning': 'threshold',
      'k8s-memory-critical': 'threshold',
      'checkout-latency-anomaly': 'anomaly',
      'disk-full-forecast': 'forecast',
    });
  });
});
