import { mockServices } from '@backstage/backend-test-utils';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { RemediationLearning } from '../remediation/RemediationLearning';
import { ForegroundWork } from '../scheduling/ForegroundWork';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { IncidentRcaRunner } from './IncidentRcaRunner';
import { RcaScheduler } from './RcaScheduler';

jest.setTimeout(60_000);

/** A replica: its own scheduler on the shared database, counting its runs. */
function replica(
  database: CloudopsDatabase,
  runs: string[],
  fail = false,
  onRun?: (incidentId: string) => void,
  foreground?: ForegroundWork,
) {
  const runner = {
    async run(incidentId: string) {
      runs.push(incidentId);
      onRun?.(incidentId);
      if (fail) throw new Error('boom');
      return undefined;
    },
  } as unknown as IncidentRcaRunner;
  return new RcaScheduler({
    database,
    runner,
    learning: new RemediationLearning(
      database,
      new AuditedChanges(database, mockServices.auditor.mock()),
    ),
    logger: mockServices.logger.mock(),
    foreground,
    options: {
      debounceMs: 10_000,
      maxDelayMs: 60_000,
      leaseMs: 60_000,
      sweepSeconds: 30,
    },
  });
}

/** An incident nobody has analysed yet. */
function createIncident(database: CloudopsDatabase, title: string) {
  return database.stores.incidents.createIncident({
    title,
    severity: 'high',
    createdBy: 'cloudops',
  });
}

describe('RcaScheduler', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'runs each request once across replicas, after the debounce, on %p',
    async id => {
      const { database } = await databases.create(id);
      const incident = await createIncident(database, 'Cart slow');
      const runs: string[] = [];
      const a = replica(database, runs);
      const b = replica(database, runs);
      const now = Date.now();
      await a.request([incident.id], new Date(now));
      await b.request([incident.id], new Date(now + 1000));
      // Not due yet.
      expect(await a.processDue(new Date(now + 5000))).toBe(0);
      const done = await Promise.all([
        a.processDue(new Date(now + 12_000)),
        b.processDue(new Date(now + 12_000)),
      ]);
      expect(done.sort()).toEqual([0, 1]);
      expect(runs).toEqual([incident.id]);
      expect(await database.stores.rcaRequests.nextDue()).toBeUndefined();
    },
  );

  it.each(databases.ids)(
    'retries a failed run later, then gives up, and sweeps up incidents without an RCA, on %p',
    async id => {
      const { database } = await databases.create(id);
      const incident = await database.stores.incidents.createIncident({
        title: 'By hand',
        severity: 'info',
        createdBy: 'user:default/ana',
      });
      const runs: string[] = [];
      const failing = replica(database, runs, true);
      await failing.sweep();
      expect(runs).toEqual([incident.id]);
      const retry = await database.stores.rcaRequests.nextDue();
      expect(retry!.getTime()).toBeGreaterThan(Date.now() + 20_000);
      await failing.processDue(new Date(Date.now() + 31_000));
      await failing.processDue(new Date(Date.now() + 62_000));
      expect(runs).toHaveLength(3);
      expect(await database.stores.rcaRequests.nextDue()).toBeUndefined();
    },
  );

  it.each(databases.ids)(
    'lets other work in between runs (SQLite answers synchronously), on %p',
    async id => {
      const { database } = await databases.create(id);
      const ids: string[] = [];
      for (const title of ['One', 'Two', 'Three']) {
        ids.push((await createIncident(database, title)).id);
      }
      const order: string[] = [];
      const scheduler = replica(database, [], false, incidentId => {
        order.push(`run ${ids.indexOf(incidentId)}`);
        // A request that arrives during a run is served before the next one.
        setImmediate(() => order.push('request'));
      });
      const now = Date.now();
      await scheduler.request(ids, new Date(now));
      expect(await scheduler.processDue(new Date(now + 12_000))).toBe(3);
      expect(order.slice(0, 5).map(o => o.split(' ')[0])).toEqual([
        'run',
        'request',
        'run',
        'request',
        'run',
      ]);
    },
  );

  it.each(databases.ids)(
    'waits while signal batches are being committed before a run, on %p',
    async id => {
      const { database } = await databases.create(id);
      const incident = await createIncident(database, 'Cart slow');
      const foreground = new ForegroundWork();
      const runs: string[] = [];
      const scheduler = replica(database, runs, false, undefined, foreground);
      const now = Date.now();
      await scheduler.request([incident.id], new Date(now));

      const committing = foreground.start();
      const done = scheduler.processDue(new Date(now + 12_000));
      await new Promise(resolve => setTimeout(resolve, 100));
      expect(runs).toEqual([]);
      committing();
      expect(await done).toBe(1);
      expect(runs).toEqual([incident.id]);
    },
  );

  it.each(databases.ids)(
    'stops between runs, leaving the rest of its batch claimed, on %p',
    async id => {
      const { database } = await databases.create(id);
      const ids: string[] = [];
      for (const title of ['One', 'Two', 'Three']) {
        ids.push((await createIncident(database, title)).id);
      }
      const runs: string[] = [];
      let stopping: Promise<void> | undefined;
      const scheduler = replica(database, runs, false, () => {
        stopping ??= scheduler.stop();
      });
      const now = Date.now();
      await scheduler.request(ids, new Date(now));
      await scheduler.processDue(new Date(now + 12_000));
      await stopping;
      expect(runs).toHaveLength(1);
      // The other two are still claimed by this replica: another takes them
      // when the lease ends, not before.
      const other: string[] = [];
      const next = replica(database, other);
      expect(await next.processDue(new Date(now + 13_000))).toBe(0);
      expect(await next.processDue(new Date(now + 12_000 + 61_000))).toBe(2);
      expect(other.sort()).toEqual(ids.filter(i => i !== runs[0]).sort());
    },
  );
});
