import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { shopEntities } from '../src/__testUtils__/testEntities';

// A minimal backend for working on this plugin alone (`yarn start` in this
// folder): auth is mocked (requests need no token) and the catalog is a small
// in-memory estate (web → checkout → payments → payments-db, …).
//
//   curl -X POST http://localhost:7007/api/cloudops/signals -H 'Content-Type: application/json' \
//     -d '{"signals":[{"source":"alertmanager","kind":"alert","name":"KubePodCrashLooping","status":"firing",
//          "timestamp":"2026-11-22T10:00:00Z","labels":{"app":"checkout","pod":"checkout-1","namespace":"shop"}}]}'
//   curl 'http://localhost:7007/api/cloudops/incidents?entityRef=component:default/checkout'

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(catalogServiceMock.factory({ entities: shopEntities }));
backend.add(import('../src'));
backend.start();
