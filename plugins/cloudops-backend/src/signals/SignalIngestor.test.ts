import { mockServices } from '@backstage/backend-test-utils';
import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { testCatalogSnapshot } from '../__testUtils__/testCatalog';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { Correlator } from '../incidents/Correlator';
import { RuleEngine } from '../rules/RuleEngine';
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

  it.each(databases.ids)(
    'commits batches that arrive together in shared transactions, fewer and larger over the network, on %p',
    async id => {
      const { database, knex } = await databases.create(id);
      const ingestor = new SignalIngestor({
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
});
