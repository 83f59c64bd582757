import { mockServices } from '@backstage/backend-test-utils';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { PrometheusClusters } from '../prometheus/PrometheusClusters';
import { PromqlSource } from '../source/PromqlSource';
import {
  HistorySeries,
  samples,
  toOpenMetrics,
} from '../__testUtils__/openMetrics';
import {
  describeWithBinaries,
  prometheusForSuite,
} from '../__testUtils__/realServers';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const END = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const START = END - 40 * MINUTE;
/** kube-state-metrics scraped every 30 s. */
const SCRAPE_MS = 30_000;
/** A crash loop's cycle: the container runs 90 s, then backs off for 5 minutes. */
const RUNS_MS = 90_000;
const CYCLE_MS = RUNS_MS + 5 * MINUTE;

const LOOPING = 'checkout-7d9f8c6b5-x2x4q';
/** Crash-looped like checkout, until 12 minutes before the end. */
const RECOVERED = 'cart-5c8d7b9f6-k2j4m';
const RECOVERED_AT = END - 12 * MINUTE;

function history(): HistorySeries[] {
  const container = (pod: string) => ({
    namespace: 'shop',
    pod,
    container: 'app',
  });
  const waiting = (t: number) => (t - START) % CYCLE_MS >= RUNS_MS;
  const all = samples(START, END, SCRAPE_MS, () => 1);
  return [
    ...[LOOPING, RECOVERED].map(pod => ({
      name: 'kube_pod_container_info',
      labels: container(pod),
      samples: all,
    })),
    {
      name: 'kube_pod_container_status_waiting_reason',
      labels: { ...container(LOOPING), reason: 'CrashLoopBackOff' },
      samples: all.filter(([t]) => waiting(t)),
    },
    {
      name: 'kube_pod_container_status_waiting_reason',
      labels: { ...container(RECOVERED), reason: 'CrashLoopBackOff' },
      samples: all.filter(([t]) => waiting(t) && t < RECOVERED_AT),
    },
  ];
}

const crashLooping: Rule = {
  id: 'crash-looping',
  match: {
    kind: 'metric',
    source: 'prometheus',
    name: 'kube_pod_crash_looping',
  },
  condition: { type: 'threshold', op: '>=', value: 1, for: '5m' },
  severity: 'critical',
};

describeWithBinaries(
  ['prometheus', 'promtool'],
  'Kubernetes signals on a real Prometheus',
  () => {
    const prometheus = prometheusForSuite('k8s-signals', () => ({
      history: toOpenMetrics(history()),
      // A series kube-state-metrics stops exposing is marked stale at the
      // next scrape; a backfilled history has no such markers, so samples
      // count for one minute only (two scrapes) instead of five.
      args: ['--query.lookback-delta=1m'],
    }));

    it('reads a crash loop as 1 through the runs between its back-offs, so that for: 5m holds', async () => {
      const query = {
        frequencyMs: MINUTE,
        stepMs: MINUTE,
        lookbackMs: 30 * MINUTE,
        maxResponseBytes: 4 * 1024 * 1024,
        maxSeries: 100,
      };
      const source = new PromqlSource({
        clusters: new PrometheusClusters({
          clusters: [
            {
              name: 'prod',
              prometheus: {
                url: prometheus.url,
                headers: {},
                timeoutMs: 10_000,
              },
            },
          ],
          query,
        }),
        options: query,
        logger: mockServices.logger.mock(),
        now: () => END + 30_000,
      });
      const { signals, problems } = await source.read({
        signal: AbortSignal.timeout(20_000),
        shard: 'prod',
        rules: [crashLooping],
      });
      expect(problems).toEqual([]);
      const of = (pod: string) =>
        signals
          .filter(s => s.labels?.pod === pod)
          .map(s => [Date.parse(s.timestamp) - END, s.value] as const);

      // Thirty steps (the lookback), every one of them 1.
      expect(of(LOOPING)).toEqual(
        Array.from({ length: 30 }, (_, i) => [(i - 29) * MINUTE, 1]),
      );
      // Five minutes after its last back-off a recovered container reads 0.
      const recovered = of(RECOVERED);
      expect(
        recovered.filter(([at]) => at <= RECOVERED_AT - END).map(([, v]) => v),
      ).toEqual(Array(18).fill(1));
      expect(
        recovered.filter(([at]) => at >= -5 * MINUTE).map(([, v]) => v),
      ).toEqual(Array(6).fill(0));
    });
  },
);
