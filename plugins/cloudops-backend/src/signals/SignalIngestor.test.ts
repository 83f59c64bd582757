import { mockServices } from '@backstage/backend-test-utils';
import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { testCatalogSnapshot } from '../__testUtils__/testCatalog';
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

  async function ingestorOn(
    database: CloudopsDatabase,
    foreground?: ForegroundWork,
  ) {
    return new SignalIngestor({
      foreground,
      database,
      catalog: await testCatalogSnapshot(),
      rules: new RuleEngine({ rules: () => [] }),
      correlator: new Correlator(await testCatalogSnapshot(), {
        windowMs: 600_000,
        reopenWindowMs: 600_000,
        maxHops: 2,
      }),
      logger: mockServices.logger.mock(),
      alertsWithoutRule: true,
    });
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
      const ingestor = await ingestorOn(database, foreground);
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
});
