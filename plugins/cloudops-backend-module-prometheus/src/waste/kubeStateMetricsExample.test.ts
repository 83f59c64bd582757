import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { NODEPOOL_DISRUPTION_METRIC } from './KubernetesNodesDetector';

describe('examples/prometheus/kube-state-metrics-karpenter.yaml', () => {
  it('makes kube-state-metrics expose the NodePool metric the nodes detector reads', async () => {
    const config = parse(
      await readFile(
        join(
          __dirname,
          '../../../../examples/prometheus/kube-state-metrics-karpenter.yaml',
        ),
        'utf8',
      ),
    );
    expect(config.kind).toBe('CustomResourceStateMetrics');
    const [nodePool] = config.spec.resources;
    expect(nodePool.groupVersionKind).toEqual({
      group: 'karpenter.sh',
      kind: 'NodePool',
      version: 'v1',
    });
    const [metric] = nodePool.metrics;
    // kube-state-metrics names it `kube_customresource_<name>` (no metricNamePrefix).
    expect(nodePool.metricNamePrefix).toBeUndefined();
    expect(`kube_customresource_${metric.name}`).toBe(
      NODEPOOL_DISRUPTION_METRIC,
    );
    expect(metric.each.type).toBe('Info');
    expect(
      Object.keys({
        ...nodePool.labelsFromPath,
        ...metric.each.info.labelsFromPath,
      }).sort(),
    ).toEqual(['consolidate_after', 'consolidation_policy', 'nodepool']);
  });
});
