import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { kubernetesSignalQuery } from '../kubernetes/kubernetesSignals';
import { promqlSelector } from './promqlSelector';
import { queriesForRules } from './queriesForRules';

const rule = (r: Partial<Rule> & Pick<Rule, 'id' | 'match'>): Rule => ({
  condition: { type: 'threshold', op: '>', value: 1 },
  severity: 'warning',
  ...r,
});

describe('queriesForRules', () => {
  const rules: Rule[] = [
    rule({
      id: 'cpu-warn',
      match: { source: 'prometheus', name: 'container_cpu_usage_percent' },
    }),
    rule({
      id: 'cpu-crit',
      match: {
        source: ['cloudwatch', 'prometheus'],
        kind: 'metric',
        name: 'container_cpu_usage_percent',
      },
    }),
    rule({
      id: 'errors',
      query: {
        promql: {
          expr: 'sum(rate(errors_total[5m]))',
          clusters: ['prod'],
          step: '30s',
        },
      },
      match: { name: 'error_rate' },
    }),
    rule({
      id: 'queue',
      match: {
        source: 'prometheus',
        account: { regex: 'prod|stg' },
        name: ['queue_depth', 'weird-name'],
        labels: {
          queue: 'orders',
          'app.kubernetes.io/name': 'x',
          tier: { regex: 'a|b' },
          env: { not: 'dev' },
          team: { exists: true },
        },
      },
    }),
    rule({
      id: 'cloudwatch-only',
      match: { source: 'cloudwatch', name: 'CPUUtilization' },
    }),
    rule({ id: 'no-source', match: { name: 'heartbeat' } }),
    rule({
      id: 'alerts',
      match: { kind: 'alert', source: 'prometheus', name: 'X' },
    }),
    rule({
      id: 'regex-name',
      match: { source: 'prometheus', name: { regex: 'node_.*' } },
    }),
  ];

  it('asks each cluster for what its rules look at, once per series', () => {
    expect(queriesForRules(rules, 'prod', 60_000)).toEqual([
      {
        name: 'container_cpu_usage_percent',
        expr: kubernetesSignalQuery('container_cpu_usage_percent'),
        stepMs: 60_000,
        ruleIds: ['cpu-warn', 'cpu-crit'],
      },
      {
        name: 'error_rate',
        expr: 'sum(rate(errors_total[5m]))',
        stepMs: 30_000,
        ruleIds: ['errors'],
      },
      {
        name: 'queue_depth',
        expr: 'queue_depth{queue="orders", tier=~"a|b", env!="dev", team!=""}',
        stepMs: 60_000,
        ruleIds: ['queue'],
      },
      {
        name: 'weird-name',
        expr: '{__name__="weird-name", queue="orders", tier=~"a|b", env!="dev", team!=""}',
        stepMs: 60_000,
        ruleIds: ['queue'],
      },
    ]);
    expect(queriesForRules(rules, 'dev', 60_000).map(q => q.name)).toEqual([
      'container_cpu_usage_percent',
    ]);
  });

  it('fills in the baseline that lets recovered containers read 0', () => {
    expect(kubernetesSignalQuery('kube_pod_crash_looping')).toBe(
      'max by (cluster, namespace, pod, container) (max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m])) or max by (cluster, namespace, pod, container) (kube_pod_container_info) * 0',
    );
    expect(kubernetesSignalQuery('up')).toBeUndefined();
  });

  it('writes selectors PromQL can read', () => {
    expect(promqlSelector('up')).toBe('up');
    expect(promqlSelector('up', { job: 'a"b\\c' })).toBe(
      'up{job="a\\"b\\\\c"}',
    );
    expect(promqlSelector('up', { gone: { exists: false } })).toBe(
      'up{gone=""}',
    );
  });
});
