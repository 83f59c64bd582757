import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { CloudopsDatabase } from '../database/CloudopsDatabase';

/**
 * Store tests run on SQLite always, and on PostgreSQL when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING points at a server
 * (scripts/test.sh starts Debian's PostgreSQL and sets it).
 */
export function cloudopsTestDatabases() {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  return {
    ids: databases.eachSupportedId(),
    async create(id: TestDatabaseId) {
      const knex = await databases.init(id);
      const database = await CloudopsDatabase.create({
        database: mockServices.database({ knex }),
      });
      return { knex, database };
    },
  };
}
