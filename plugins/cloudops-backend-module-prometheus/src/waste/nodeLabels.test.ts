import {
  DEFAULT_SAVINGS_THRESHOLDS,
  PriceList,
  shippedRegionPrices,
  WasteDetector,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { PrometheusClusters } from '../prometheus/PrometheusClusters';
import { PromSeries } from '../prometheus/PrometheusClient';
import { KubernetesNodesDetector } from './KubernetesNodesDetector';
import { KubernetesWorkloadsDetector } from './KubernetesWorkloadsDetector';

/** Clusters whose Prometheus answers every query with no series (kube-state-metrics down). */
const noSeries = {
  names: () => ['prod'],
  region: () => 'us-east-1',
  client: () => ({ query: async (): Promise<PromSeries[]> => [] }),
} as unknown as PrometheusClusters;

const context = {
  shard: 'prod',
  signal: new AbortController().signal,
  now: new Date('2026-11-02T06:00:00Z'),
  thresholds: DEFAULT_SAVINGS_THRESHOLDS,
  prices: async (region: string) => new PriceList(shippedRegionPrices(region)!),
};

describe('readNodeLabels', () => {
  const options = { enabled: true, stepMs: 300_000 };
  it.each<[string, WasteDetector]>([
    ['nodes', new KubernetesNodesDetector(noSeries, options)],
    ['workloads', new KubernetesWorkloadsDetector(noSeries, options)],
  ])(
    'fails a %s scan and its validation when the cluster shows no node at all',
    async (_name, detector) => {
      const message =
        /^Cluster prod: kube_node_labels returned no nodes; is kube-state-metrics running/;
      await expect(detector.detect(context)).rejects.toThrow(message);
      await expect(
        detector.observe!({
          ...context,
          opportunities: [{ id: 'o-1', observeFrom: context.now } as any],
        }),
      ).rejects.toThrow(message);
    },
  );
});
