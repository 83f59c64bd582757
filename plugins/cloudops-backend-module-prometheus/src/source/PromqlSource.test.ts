import { mockServices } from '@backstage/backend-test-utils';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { QueryOptions } from '../config';
import { PrometheusClusters } from '../prometheus/PrometheusClusters';
import { fakeServer, json } from '../__testUtils__/fakeServer';
import { PromqlSource } from './PromqlSource';

const HOUR = 3600_000;
const NOW = Date.UTC(2026, 10, 20, 12, 0, 30);

const rule = (id: string, expr: string, step?: string): Rule => ({
  id,
  query: { promql: { expr, step } },
  match: { name: id.replace(/-/g, '_') },
  condition: { type: 'threshold', op: '>', value: 0 },
  severity: 'warning',
});

/**
 * A Prometheus that answers each range query with one series valued 1 at
 * every step, native histograms for `histogram_*` queries, and refuses more
 * than 11,000 steps as Prometheus does.
 */
async function fakePrometheus() {
  const asked: Array<{ query: string; start: number; end: number }> = [];
  const server = await fakeServer((_req, body, res) => {
    const form = new URLSearchParams(body);
    const query = form.get('query')!;
    const [start, end, step] = ['start', 'end', 'step'].map(
      k => Number(form.get(k)) * 1000,
    );
    asked.push({ query, start, end });
    const steps = Math.floor((end - start) / step) + 1;
    if (steps > 11_000) {
      json(res, 400, {
        status: 'error',
        errorType: 'bad_data',
        error:
          'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      });
      return;
    }
    const times = Array.from(
      { length: steps },
      (_, i) => (start + i * step) / 1000,
    );
    const result = query.startsWith('histogram_')
      ? [
          {
            metric: {},
            histograms: times.map(t => [t, { count: '1', sum: '1' }]),
          },
        ]
      : [{ metric: { job: 'api' }, values: times.map(t => [t, '1']) }];
    json(res, 200, {
      status: 'success',
      data: { resultType: 'matrix', result },
    });
  });
  return { ...server, asked };
}

function source(url: string, query: Partial<QueryOptions>) {
  const options: QueryOptions = {
    frequencyMs: 60_000,
    stepMs: 60_000,
    lookbackMs: 10 * 60_000,
    maxResponseBytes: 16 * 1024 * 1024,
    maxSeries: 10,
    ...query,
  };
  let now = NOW;
  const promql = new PromqlSource({
    clusters: new PrometheusClusters({
      clusters: [
        { name: 'prod', prometheus: { url, headers: {}, timeoutMs: 5000 } },
      ],
      query: options,
    }),
    options,
    logger: mockServices.logger.mock(),
    now: () => now,
  });
  return {
    read: (rules: Rule[]) =>
      promql.read({
        signal: AbortSignal.timeout(10_000),
        shard: 'prod',
        rules,
      }),
    later: (ms: number) => {
      now += ms;
    },
  };
}

describe('PromqlSource', () => {
  it('reports a query that answers native histograms and reads the others', async () => {
    const prometheus = await fakePrometheus();
    try {
      const { read } = source(prometheus.url, {});
      const result = await read([
        rule('latency', 'histogram_latency'),
        rule('up-ratio', 'up_ratio'),
      ]);
      expect(result.problems).toEqual([
        expect.stringMatching(
          /^latency: Prometheus of cluster prod \(http:\/\/127\.0\.0\.1:\d+\) returned native histograms for "histogram_latency"; CloudOps reads float samples only/,
        ),
      ]);
      expect(result.signals).toHaveLength(10);
      expect(result.signals.every(s => s.name === 'up_ratio')).toBe(true);
    } finally {
      await prometheus.close();
    }
  });

  it('reads a lookback of more steps than Prometheus answers at once in parts, then only the new steps', async () => {
    const prometheus = await fakePrometheus();
    try {
      const { read, later } = source(prometheus.url, { lookbackMs: 4 * HOUR });
      const rules = [rule('fine', 'up_ratio', '1s')];
      const first = await read(rules);
      expect(first.problems).toEqual([]);
      // Four hours at 1 s, less the 15 s not yet settled.
      const steps = 4 * 3600 - 15 + 1;
      expect(first.signals).toHaveLength(steps);
      expect(new Set(first.signals.map(s => s.timestamp)).size).toBe(steps);
      expect(
        prometheus.asked.map(a => Math.round((a.end - a.start) / 1000) + 1),
      ).toEqual([11_000, steps - 11_000]);
      expect(prometheus.asked[1].start).toBe(prometheus.asked[0].end + 1000);

      later(60_000);
      const next = await read(rules);
      expect(next.signals).toHaveLength(60);
      expect(prometheus.asked[2].start).toBe(prometheus.asked[1].end + 1000);
    } finally {
      await prometheus.close();
    }
  });

  it('says which steps a gap longer than the lookback left unread, once', async () => {
    const prometheus = await fakePrometheus();
    try {
      const { read, later } = source(prometheus.url, {});
      const rules = [rule('ratio', 'up_ratio')];
      expect((await read(rules)).problems).toEqual([]);
      // The cluster's runs failed (or none ran) for an hour.
      later(HOUR);
      const after = await read(rules);
      expect(after.problems).toEqual([
        'ratio: the steps from 2026-11-20T12:01:00.000Z to 2026-11-20T12:50:00.000Z were not read: the last read was longer ago than cloudops.prometheus.query.lookback (600s)',
      ]);
      expect(after.signals).toHaveLength(10);
      later(60_000);
      expect((await read(rules)).problems).toEqual([]);
    } finally {
      await prometheus.close();
    }
  });
});
