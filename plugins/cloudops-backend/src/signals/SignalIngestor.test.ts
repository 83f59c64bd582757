import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { testCatalogSnapshot } from '../__testUtils__/testCatalog';
import { shopEntities } from '../__testUtils__/testEntities';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { Correlator } from '../incidents/Correlator';
import { RuleEngine } from '../rules/RuleEngine';
import { ForegroundWork } from '../scheduling/ForegroundWork';
import { SignalIngestor } from './SignalIngestor';

jest.setTimeout(60_000);

const t0 = Date.UTC(2026, 10, 22, 10, 0);

function batch(index: number): SignalInput[] {
  return Array.from({ length: 100 }, (_, i) => ({
    source: 'prometheus',
    kind: 'metric',
    name: 'cpu_percent',
    timestamp: new Date(t0 + index * 1000 + i).toISOString(),
    value: i,
    labels: { pod: `pod-${i}` },
  }));
}

describe('SignalIngestor', () => {
  const databases = cloudopsTestDatabases();

  const correlatorOn = async () =>
    new Correlator(await testCatalogSnapshot(), {
      windowMs: 600_000,
      reopenWindowMs: 600_000,
      maxHops: 2,
    });

  async function ingestorOn(
    database: CloudopsDatabase,
    options: {
      foreground?: ForegroundWork;
      /** The rules, or an engine of them (one resumed after a restart). */
      rules?: Rule[] | RuleEngine;
      correlator?: Correlator;
      logger?: LoggerService;
      catalog?: CatalogSnapshot;
    } = {},
  ) {
    const { rules = [] } = options;
    return new SignalIngestor({
      foreground: options.foreground,
      database,
      catalog: options.catalog ?? (await testCatalogSnapshot()),
      rules:
        rules instanceof RuleEngine
          ? rules
          : new RuleEngine({ rules: () => rules }),
      correlator: options.correlator ?? (await correlatorOn()),
      logger: options.logger ?? mockServices.logger.mock(),
      alertsWithoutRule: true,
    });
  }

  /** A rule engine as a restarted backend builds it, from the stored incidents. */
  async function restartedEngine(database: CloudopsDatabase, rules: Rule[]) {
    const engine = new RuleEngine({ rules: () => rules });
    engine.resumeFiring(await database.stores.incidents.listFiringRuleKeys());
    return engine;
  }

  it.each(databases.ids)(
    'commits batches that arrive together in shared transactions, fewer and larger over the network, on %p',
    async id => {
      const { database, knex } = await databases.create(id);
      const ingestor = await ingestorOn(database);
      const transaction = jest.spyOn(database, 'transaction');

      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => ingestor.ingest(batch(i), 'test')),
      );

      expect(results.map(r => r.accepted)).toEqual(Array(10).fill(100));
      // The first batch starts a transaction alone; the other nine wait and
      // share the next ones: two at most per transaction in-process
      // (SQLite), all nine in one over the network (PostgreSQL).
      expect(transaction).toHaveBeenCalledTimes(
        database.runsInProcess ? 1 + 5 : 1 + 1,
      );
      const [{ n }] = await knex('signals').count({ n: '*' });
      expect(Number(n)).toBe(1000);
    },
  );

  it.each(databases.ids)(
    'lets other requests in between its transactions, on %p',
    async id => {
      const { database } = await databases.create(id);
      const ingestor = await ingestorOn(database);
      const order: string[] = [];
      const transaction = database.transaction.bind(database);
      jest.spyOn(database, 'transaction').mockImplementation(work => {
        order.push('transaction');
        // A request arriving while it runs: on SQLite the transaction
        // completes without giving the thread up, so it comes after it.
        setImmediate(() => order.push('request'));
        return transaction(work);
      });

      await Promise.all(
        Array.from({ length: 10 }, (_, i) => ingestor.ingest(batch(i), 'test')),
      );

      // What came just before each transaction after the first.
      const before = order.flatMap((o, i) =>
        o === 'transaction' && i > 0 ? [order[i - 1]] : [],
      );
      expect(before.length).toBeGreaterThan(0);
      expect(new Set(before)).toEqual(new Set(['request']));
    },
  );

  it.each(databases.ids)(
    'keeps background work waiting until the batches are committed, on %p',
    async id => {
      const { database } = await databases.create(id);
      const foreground = new ForegroundWork();
      const ingestor = await ingestorOn(database, { foreground });
      const order: string[] = [];

      const batches = Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          ingestor.ingest(batch(i), 'test').then(() => order.push('batch')),
        ),
      );
      const background = foreground
        .idle(60_000)
        .then(() => order.push('background'));
      await Promise.all([batches, background]);

      expect(order).toEqual([...Array(5).fill('batch'), 'background']);
    },
  );

  const cpuRule: Rule = {
    id: 'cpu',
    match: { name: 'cpu' },
    condition: { type: 'threshold', op: '>', value: 90 },
    severity: 'high',
  };
  const cpu = (value: number, minute: number, pod: string): SignalInput => ({
    source: 'prometheus',
    kind: 'metric',
    name: 'cpu',
    value,
    timestamp: new Date(t0 + minute * 60_000).toISOString(),
    labels: { pod },
    entityRef: 'component:default/web',
  });
  const openIncidents = async (database: CloudopsDatabase) =>
    (
      await database.stores.incidents.listIncidents(
        {},
        { limit: 10, offset: 0 },
      )
    ).items;

  it.each(databases.ids)(
    'holds signals that arrive before the catalog is first read, and links them once it is, on %p',
    async id => {
      const { database } = await databases.create(id);
      const catalog = new CatalogSnapshot({
        catalog: catalogServiceMock({ entities: shopEntities }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      });
      const ingestor = await ingestorOn(database, { catalog });
      let answered = false;
      const result = ingestor
        .ingest(
          [
            {
              source: 'alertmanager',
              kind: 'alert',
              name: 'KubePodCrashLooping',
              status: 'firing',
              timestamp: new Date(t0).toISOString(),
              labels: { app: 'checkout', severity: 'critical' },
            },
          ],
          'test',
        )
        .finally(() => {
          answered = true;
        });
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(answered).toBe(false);
      expect(await openIncidents(database)).toEqual([]);

      await catalog.refresh();
      expect((await result).accepted).toBe(1);
      expect((await openIncidents(database)).map(i => i.entityRef)).toEqual([
        'component:default/checkout',
      ]);
    },
  );

  it.each(databases.ids)(
    'keeps what a failed commit evaluated through a next attempt that fails before evaluating, on %p',
    async id => {
      const { database } = await databases.create(id);
      const ingestor = await ingestorOn(database, { rules: [cpuRule] });
      const transaction = database.transaction.bind(database);
      const spy = jest.spyOn(database, 'transaction');
      // cpu 99 fires the rule, then the commit fails …
      spy.mockImplementationOnce(work =>
        transaction(async stores => {
          await work(stores);
          throw Object.assign(new Error('disk I/O error'), {
            code: 'SQLITE_IOERR',
          });
        }),
      );
      await expect(ingestor.ingest([cpu(99, 0, 'a')], 'test')).rejects.toThrow(
        'disk I/O error',
      );
      // … the kept transition fails again while the store is unavailable …
      spy.mockImplementationOnce(() =>
        Promise.reject(
          Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' }),
        ),
      );
      await expect(ingestor.ingest([cpu(50, 1, 'b')], 'test')).rejects.toThrow(
        'busy',
      );
      expect(await openIncidents(database)).toEqual([]);
      // … and is applied once it is back.
      await ingestor.ingest([cpu(50, 2, 'b')], 'test');
      expect((await openIncidents(database)).map(i => i.state)).toEqual([
        'open',
      ]);
    },
  );

  it.each(databases.ids)(
    'drops a kept transition that fails again on its own while the store is up, so later batches go on, on %p',
    async id => {
      const { database } = await databases.create(id);
      const logger = mockServices.logger.mock();
      const correlator = await correlatorOn();
      const apply = correlator.apply.bind(correlator);
      // As PostgreSQL refuses a value its column cannot hold, every time.
      jest.spyOn(correlator, 'apply').mockImplementation(async (stores, t) => {
        if (t.dedupKey.includes('poison')) {
          throw Object.assign(new Error('value too long'), { code: '22001' });
        }
        return apply(stores, t);
      });
      const ingestor = await ingestorOn(database, { correlator, logger });
      const alert = (name: string): SignalInput => ({
        source: 'alertmanager',
        kind: 'alert',
        name,
        status: 'firing',
        timestamp: new Date(t0).toISOString(),
        fingerprint: name,
      });
      await expect(ingestor.ingest([alert('poison')], 'test')).rejects.toThrow(
        'value too long',
      );
      const later = await ingestor.ingest([alert('healthy')], 'test');
      expect(later.accepted).toBe(1);
      expect((await openIncidents(database)).map(i => i.dedupKey)).toEqual([
        'alert:healthy',
      ]);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(
          'Dropped the firing transition of alert:poison',
        ),
      );
    },
  );

  it.each(databases.ids)(
    'resolves after a restart an incident that fired before it, on %p',
    async id => {
      const { database } = await databases.create(id);
      await (
        await ingestorOn(database, { rules: [cpuRule] })
      ).ingest([cpu(99, 0, 'a')], 'test');
      const restarted = await restartedEngine(database, [cpuRule]);
      const ingestor = await ingestorOn(database, { rules: restarted });
      await ingestor.ingest([cpu(10, 1, 'a')], 'test');
      expect((await openIncidents(database)).map(i => i.state)).toEqual([
        'resolved',
      ]);
      expect(await database.stores.incidents.listFiringRuleKeys()).toEqual([]);
    },
  );

  it.each(databases.ids)(
    'judges a batch in time order whatever order its sender put it in, on %p',
    async id => {
      const { database } = await databases.create(id);
      const ingestor = await ingestorOn(database, { rules: [cpuRule] });
      await ingestor.ingest([cpu(10, 2, 'a'), cpu(99, 1, 'a')], 'test');
      expect((await openIncidents(database)).map(i => i.state)).toEqual([
        'resolved',
      ]);
    },
  );

  it.each(databases.ids)(
    'after a restart, raises again an alert whose incident a person resolved meanwhile, on %p',
    async id => {
      const { database } = await databases.create(id);
      await (
        await ingestorOn(database, { rules: [cpuRule] })
      ).ingest([cpu(99, 0, 'a')], 'test');
      const restarted = await restartedEngine(database, [cpuRule]);
      // A person resolves it; another pod of the service then burns.
      const [incident] = await openIncidents(database);
      await database.transaction(async stores => {
        await stores.incidents.clearOpenKeys(incident.id);
        await stores.incidents.updateIncident(incident.id, {
          state: 'resolved',
          resolvedAt: new Date(t0 + 60_000),
          updatedAt: new Date(t0 + 60_000),
        });
      });
      const ingestor = await ingestorOn(database, { rules: restarted });
      await ingestor.ingest([cpu(99, 2, 'b')], 'test');
      expect((await openIncidents(database)).map(i => i.state)).toEqual([
        'open',
      ]);
    },
  );
});
