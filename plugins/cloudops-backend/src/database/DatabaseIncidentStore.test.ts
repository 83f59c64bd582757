import path from 'node:path';
import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';

jest.setTimeout(60_000);

describe('DatabaseIncidentStore', () => {
  // SQLite always; PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  // points at a server (scripts/test.sh starts Debian's PostgreSQL and sets it).
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseIncidentStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'creates and lists incidents newest first, filtered and paged, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const first = await store.createIncident({
        title: 'first',
        severity: 'warning',
        entityRef: 'component:default/a',
        createdBy: 'user:default/ana',
      });
      await new Promise(resolve => setTimeout(resolve, 5));
      const second = await store.createIncident({
        title: 'second',
        description: 'with a description',
        severity: 'critical',
        entityRef: 'component:default/a',
        createdBy: 'user:default/ana',
      });
      await new Promise(resolve => setTimeout(resolve, 5));
      await store.createIncident({
        title: 'unlinked',
        severity: 'info',
        createdBy: 'external:prometheus',
      });

      const forA = await store.listIncidents({
        entityRef: 'component:default/a',
        limit: 10,
        offset: 0,
      });
      expect(forA.totalCount).toBe(2);
      expect(forA.items).toEqual([second, first]);
      expect(forA.items[0].createdAt).toBe(second.createdAt);

      const page = await store.listIncidents({ limit: 1, offset: 1 });
      expect(page.totalCount).toBe(3);
      expect(page.items).toHaveLength(1);
      expect(page.items[0].title).toBe('second');

      const none = await store.listIncidents({
        entityRef: 'component:default/nothing',
        limit: 10,
        offset: 0,
      });
      expect(none).toEqual({ items: [], totalCount: 0 });
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down and up again cleanly on %p',
    async databaseId => {
      const { knex } = await createStore(databaseId);
      expect(await knex.schema.hasTable('incidents')).toBe(true);
      await knex.migrate.rollback(
        { directory: path.resolve(__dirname, '../../migrations') },
        true,
      );
      expect(await knex.schema.hasTable('incidents')).toBe(false);
    },
  );
});
