import {
  findDuplicateRuleIds,
  formatRuleError,
  parseRuleFile,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  KUBERNETES_SIGNALS,
  kubernetesSignalQuery,
} from './kubernetes/kubernetesSignals';
import {
  describeWithBinaries,
  execFileAsync,
} from './__testUtils__/realServers';

const ROOT = resolve(__dirname, '../../..');
const EXAMPLES = join(ROOT, 'examples/prometheus');
const ALERT_RULES = join(EXAMPLES, 'kubernetes-alerts.rules.yaml');

const read = (file: string) => readFileSync(file, 'utf8');
const normalize = (expr: string) => expr.replace(/\s+/g, ' ').trim();

/** Each shipped alert: the Kubernetes signal it compares, and how. */
const ALERT_SIGNALS: Record<string, string> = {
  KubePodCrashLooping: 'kube_pod_crash_looping >= 1',
  KubeContainerOOMKilled: 'kube_container_oom_killed >= 1',
  KubeNodeNotReady: 'kube_node_not_ready >= 1',
  KubeContainerRestartingOften: 'kube_container_restarts > 3',
  KubeContainerCPUThrottled: 'container_cpu_throttled_ratio > 0.25',
  KubeContainerCPUHigh: 'container_cpu_usage_percent > 80',
  KubeContainerCPUCritical: 'container_cpu_usage_percent > 95',
  KubeContainerMemoryHigh: 'container_memory_working_set_percent > 85',
  KubeContainerMemoryCritical: 'container_memory_working_set_percent > 95',
};

describe('examples/prometheus', () => {
  const alerts: Array<{ alert: string; expr: string; labels: any }> = parse(
    read(ALERT_RULES),
  ).groups.flatMap((g: { rules: unknown[] }) => g.rules);

  it("alert on the seed's alert set with the Kubernetes signals' expressions", () => {
    expect(Object.keys(ALERT_SIGNALS)).toEqual(alerts.map(a => a.alert));
    for (const { alert, expr } of alerts) {
      const [signal, op, threshold] = ALERT_SIGNALS[alert].split(' ');
      const known = KUBERNETES_SIGNALS.find(s => s.name === signal)!;
      expect(normalize(expr)).toBe(
        normalize(`${known.expr} ${op} ${threshold}`),
      );
    }
    expect(
      Object.fromEntries(alerts.map(a => [a.alert, a.labels.severity])),
    ).toMatchObject({
      KubeContainerCPUHigh: 'warning',
      KubeContainerCPUCritical: 'critical',
      KubeContainerMemoryHigh: 'warning',
      KubeContainerMemoryCritical: 'critical',
    });
  });

  it('ship CloudOps rules that are valid and name known Kubernetes signals', () => {
    const rulesDir = join(ROOT, 'examples/rules');
    const parsed = [
      parseRuleFile(
        read(join(EXAMPLES, 'cloudops-rules.yaml')),
        'cloudops-rules.yaml',
      ),
      ...readdirSync(rulesDir)
        .filter(name => name.endsWith('.yaml'))
        .map(name => parseRuleFile(read(join(rulesDir, name)), name)),
    ];
    expect(
      [
        ...parsed.flatMap(p => p.errors),
        ...findDuplicateRuleIds(parsed.flatMap(p => p.origins)),
      ].map(formatRuleError),
    ).toEqual([]);
    const names = parsed[0].rules
      .filter(rule => !rule.query)
      .map(rule => rule.match.name as string);
    expect(names.every(name => kubernetesSignalQuery(name))).toBe(true);
  });

  describeWithBinaries(
    ['promtool', 'amtool'],
    'checked by the real tools',
    () => {
      it('promtool check rules', async () => {
        const { stdout } = await execFileAsync('promtool', [
          'check',
          'rules',
          ALERT_RULES,
        ]);
        expect(stdout).toContain('SUCCESS: 9 rules found');
      });

      it('promtool test rules: each alert fires and resolves on its history', async () => {
        const { stdout } = await execFileAsync(
          'promtool',
          ['test', 'rules', 'tests/kubernetes-alerts.test.yaml'],
          { cwd: EXAMPLES },
        );
        expect(stdout).toContain('SUCCESS');
      });

      it('amtool check-config', async () => {
        const { stdout } = await execFileAsync('amtool', [
          'check-config',
          join(EXAMPLES, 'alertmanager.yml'),
        ]);
        expect(stdout).toContain('SUCCESS');
        expect(stdout).toContain('1 receivers');
      });
    },
  );
});
