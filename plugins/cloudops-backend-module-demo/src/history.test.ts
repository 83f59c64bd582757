import {
  DemoScenario,
  Incident,
  IncidentRca,
  IncidentStats,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { startDemoBackend } from './__testUtils__/demoBackend';
import {
  apiClient,
  historyPushed,
  poll,
  SCENARIO_EXPECTATIONS,
} from './__testUtils__/playScenario';

jest.setTimeout(180_000);

const DAY_MS = 86_400_000;
/** Their rules learn: in the history's short windows the detector is still in cold start. */
const LEARNING_KINDS = ['network-latency'];

describe('the history generated at start', () => {
  it('plays past faults through the real pipeline: resolved incidents with RCA over the days, and nobody paged for them', async () => {
    const { backend, server, sent } = await startDemoBackend({
      cloudops: {
        demo: {
          timeScale: 60,
          pullInterval: { seconds: 1 },
          chaos: { enabled: false },
          savings: { enabled: false },
          history: { days: 7, pastFaults: { every: '12h' } },
        },
        actions: {
          routes: [{ notify: [{ channel: 'notifications' }] }],
          delivery: { pollInterval: { milliseconds: 100 } },
        },
      },
    });
    try {
      const base = `http://localhost:${server.port()}`;
      const api = apiClient(base);
      await historyPushed(base);

      const scenarios = (await api.get<{ items: DemoScenario[] }>(
        '/demo/scenarios',
      ))!.items.filter(s => s.requestedBy === 'history');
      // One per 12-hour slot of the last 7 days that ends before the detectors' warm-up.
      expect(scenarios.length).toBeGreaterThanOrEqual(11);
      expect(scenarios.every(s => s.state === 'expired')).toBe(true);

      const incidents = (await api.get<{ items: Incident[] }>(
        '/incidents?limit=200',
      ))!.items;
      const detectable = scenarios.filter(
        s => !LEARNING_KINDS.includes(s.kind),
      );
      let rightCause = 0;
      for (const fault of detectable) {
        const incident = incidents.find(
          i =>
            i.entityRef === SCENARIO_EXPECTATIONS[fault.kind].incidentOn &&
            Date.parse(i.createdAt) >= Date.parse(fault.startedAt) &&
            Date.parse(i.createdAt) <= Date.parse(fault.endsAt),
        );
        expect({ fault, opened: Boolean(incident) }).toEqual({
          fault,
          opened: true,
        });
        expect(incident!.state).toBe('resolved');
        const rca = await poll(`the RCA of the ${fault.kind} incident`, () =>
          api.get<IncidentRca>(`/incidents/${incident!.id}/rca`, {
            allow404: true,
          }),
        );
        const top = rca.ranking.find(
          c => c.series?.length || c.changes?.length,
        )?.service;
        if (top === fault.target) rightCause++;
      }
      // The windows carry 45 minutes before each fault: baseline enough for
      // the RCA, which names the injected service (11 of 11 when written).
      expect(rightCause / detectable.length).toBeGreaterThanOrEqual(0.8);

      // The NOC's week has incidents on most days, and their times to resolve.
      const to = Date.parse(scenarios[0].endsAt) + DAY_MS / 2;
      const stats = (await api.get<IncidentStats>(
        `/stats?from=${new Date(to - 7 * DAY_MS).toISOString()}&to=${new Date(
          to,
        ).toISOString()}&bucketSeconds=86400`,
      ))!;
      expect(
        stats.series.filter(b => b.count > 0).length,
      ).toBeGreaterThanOrEqual(5);
      expect(stats.byState.resolved).toBeGreaterThanOrEqual(detectable.length);
      expect(stats.mttrSeconds).toBeGreaterThan(0);

      // Days-old changes reach no one (cloudops.actions.maxEventAge).
      const deliveries = await Promise.all(
        incidents.map(i =>
          api.get<{ items: unknown[] }>(
            `/actions/deliveries?incidentId=${i.id}`,
          ),
        ),
      );
      expect(deliveries.flatMap(d => d!.items)).toEqual([]);
      expect(sent).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});
