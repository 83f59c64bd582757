import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

// A minimal backend for working on this plugin alone (`yarn start` in this
// folder). Auth is mocked, so requests need no token:
//
//   curl -X POST http://localhost:7007/api/cloudops/incidents \
//     -H 'Content-Type: application/json' \
//     -d '{"title":"Checkout p99 > 2s","severity":"critical","entityRef":"component:default/checkout-service"}'
//   curl 'http://localhost:7007/api/cloudops/incidents?entityRef=component:default/checkout-service'

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(import('../src'));
backend.start();
