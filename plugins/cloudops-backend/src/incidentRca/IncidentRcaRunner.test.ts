import { mockServices } from '@backstage/backend-test-utils';
import {
  RcaSeriesRequest,
  RunbookLibrary,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { normalizeSignal } from '../signals/normalizeSignal';
import { ForegroundWork } from '../scheduling/ForegroundWork';
import { testCatalogSnapshot } from '../__testUtils__/testCatalog';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { IncidentRcaRunner } from './IncidentRcaRunner';
import { SharedReads } from './SharedReads';
import { LocalRcaCompute } from './compute/LocalRcaCompute';

jest.setTimeout(60_000);

/** On a 15-second step (1 h of lookback, 240 points) and 1 s into it. */
const t0 = Date.UTC(2026, 10, 23, 10, 0, 1);
const checkout = 'component:default/checkout';

describe('IncidentRcaRunner', () => {
  const databases = cloudopsTestDatabases();

  async function runnerOn(
    database: CloudopsDatabase,
    extra: Pick<
      ConstructorParameters<typeof IncidentRcaRunner>[0],
      'foreground' | 'compute' | 'seriesProviders'
    > = {},
  ) {
    const logger = mockServices.logger.mock();
    return new IncidentRcaRunner({
      ...extra,
      database,
      catalog: await testCatalogSnapshot(),
      changes: new AuditedChanges(database, mockServices.auditor.mock()),
      runbooks: new RunbookLibrary([], logger),
      logger,
      options: {
        lookbackMs: 3600_000,
        changeWindowMs: 3600_000,
        hops: 1,
        maxServices: 20,
        maxPoints: 100_000,
      },
    });
  }

  /** Checkout's latency from half an hour before t0, jumping at t0. */
  const storeLatencyJump = (database: CloudopsDatabase) =>
    database.stores.signals.insertNew(
      Array.from({ length: 140 }, (_, i) =>
        normalizeSignal({
          source: 'prometheus',
          kind: 'metric',
          name: 'latency_ms',
          entityRef: checkout,
          timestamp: new Date(t0 - 1800_000 + i * 15_000).toISOString(),
          value: i < 120 ? 100 : 900,
          labels: {},
        }),
      ),
      new Date(t0),
    );

  const incidentAt = (database: CloudopsDatabase, offsetMs: number) =>
    database.stores.incidents.createIncident({
      title: 'Checkout slow',
      severity: 'high',
      createdBy: 'cloudops',
      entityRef: checkout,
      createdAt: new Date(t0 + offsetMs),
    });

  it.each(databases.ids)(
    'reads the series once for the RCAs of a batch whose faults fall in one step, on %p',
    async id => {
      const { database } = await databases.create(id);
      const runner = await runnerOn(database);
      await storeLatencyJump(database);
      const sameStep = [
        await incidentAt(database, 0),
        await incidentAt(database, 10_000),
      ];
      const later = await incidentAt(database, 600_000);
      const read = jest.spyOn(database.stores.signals, 'listMetricSeries');
      const now = new Date(t0 + 900_000);

      const reads = new SharedReads();
      const results = [];
      for (const incident of [...sameStep, later]) {
        results.push(await runner.run(incident.id, now, reads));
      }

      expect(read).toHaveBeenCalledTimes(2);
      for (const rca of results) {
        expect(rca?.inputs?.series).toBe(1);
        expect(rca?.ranking[0]?.service).toBe(checkout);
      }
      // Another batch reads again.
      await runner.run(
        (
          await incidentAt(database, 0)
        ).id,
        new Date(now.getTime() + 1000),
        new SharedReads(),
      );
      expect(read).toHaveBeenCalledTimes(3);
    },
  );

  it.each(databases.ids)(
    'asks series providers for the step of its lookback, however old the incident, on %p',
    async id => {
      const { database } = await databases.create(id);
      const asked: RcaSeriesRequest[] = [];
      const runner = await runnerOn(database, {
        seriesProviders: [
          {
            id: 'recording',
            async collect(request) {
              asked.push(request);
              return [];
            },
          },
        ],
      });
      const incident = await incidentAt(database, 0);
      const now = new Date(t0 + 48 * 3600_000);
      await runner.run(incident.id, now);

      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatchObject({
        incidentId: incident.id,
        from: new Date(t0 - 1000 - 3600_000),
        to: now,
        stepMs: 15_000,
      });
    },
  );

  it.each(databases.ids)(
    'reads the past RCAs once per batch and never counts the incident as similar to itself, on %p',
    async id => {
      const { database } = await databases.create(id);
      const runner = await runnerOn(database);
      await storeLatencyJump(database);
      const now = new Date(t0 + 900_000);
      const past = [
        await incidentAt(database, 0),
        await incidentAt(database, 0),
      ];
      for (const incident of past) {
        await runner.run(incident.id, now);
        await database.stores.incidents.updateIncident(incident.id, {
          state: 'resolved',
          resolvedAt: now,
          updatedAt: now,
        });
      }
      const { rca } = database.stores;
      expect(await rca.listResolvedRcas({ limit: 10 })).toHaveLength(2);

      const read = jest.spyOn(rca, 'listResolvedRcas');
      const reads = new SharedReads();
      const similar = [];
      for (const offsetMs of [0, 5_000]) {
        const incident = await incidentAt(database, offsetMs);
        similar.push((await runner.run(incident.id, now, reads))?.similar);
      }
      expect(read).toHaveBeenCalledTimes(1);
      for (const found of similar) {
        expect(found?.map(s => s.incidentId).sort()).toEqual(
          past.map(p => p.id).sort(),
        );
      }
    },
  );

  it.each([
    [
      'waits for ingestion to go idle before an analysis on its thread',
      false,
      1,
    ],
    ['does not wait for ingestion before an analysis off its thread', true, 0],
  ])('%s', async (_, offThread, waits) => {
    const { database } = await databases.create('SQLITE_3');
    const foreground = new ForegroundWork();
    const idle = jest.spyOn(foreground, 'idle');
    const compute = Object.assign(
      new LocalRcaCompute(database.stores.signals),
      { offThread },
    );
    const runner = await runnerOn(database, { foreground, compute });
    await storeLatencyJump(database);
    const incident = await incidentAt(database, 0);

    const rca = await runner.run(incident.id, new Date(t0 + 900_000));

    expect(rca?.ranking[0]?.service).toBe(checkout);
    expect(idle).toHaveBeenCalledTimes(waits);
  });
});
