import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { shopEntities } from './testEntities';

// The plugin alone in a real backend process, for tests that kill it: auth is
// mocked, the catalog is the test estate, the database is SQLite in the
// directory CLOUDOPS_TEST_DB_DIR, the port is CLOUDOPS_TEST_PORT; more
// `cloudops` config may come as JSON in CLOUDOPS_TEST_CONFIG.
const port = Number(process.env.CLOUDOPS_TEST_PORT);
const backend = createBackend();
backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { port, host: '127.0.0.1' },
        database: {
          client: 'better-sqlite3',
          connection: { directory: process.env.CLOUDOPS_TEST_DB_DIR },
        },
      },
      cloudops: {
        rules: { watch: false },
        ...JSON.parse(process.env.CLOUDOPS_TEST_CONFIG ?? '{}'),
      },
    },
  }),
);
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(catalogServiceMock.factory({ entities: shopEntities }));
backend.add(import('../index'));
backend.start();
