import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { ActionDeliveryRequest } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** An incident as channels see it. */
export const checkoutIncident: Incident = {
  id: '6f1c2a9e-0d7b-4c1e-9a51-3b7f1e2d4c5a',
  title: 'CrashLoopBackOff in shop/checkout-7d9',
  severity: 'critical',
  state: 'open',
  entityRef: 'component:default/checkout-service',
  createdBy: 'cloudops',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  ruleId: 'k8s-crashloop',
  systemRef: 'system:default/shop',
  ownerRef: 'group:default/team-checkout',
  account: '111122223333',
  labels: {},
  signalCount: 1,
};

/** A delivery request for channel tests. */
export function deliveryRequest(
  overrides: Partial<ActionDeliveryRequest> = {},
): ActionDeliveryRequest {
  return {
    id: 'a3c9d2e1-5b4f-4e6a-8c7d-9e0f1a2b3c4d',
    idempotencyKey: 'cloudops-a3c9d2e1-5b4f-4e6a-8c7d-9e0f1a2b3c4d',
    attempt: 1,
    kind: 'notify',
    event: 'opened',
    incident: checkoutIncident,
    entity: {
      ref: 'component:default/checkout-service',
      title: 'Checkout',
      environment: 'production',
      ownerRef: 'group:default/team-checkout',
    },
    links: {
      incident:
        'http://portal.test/catalog/default/component/checkout-service/incidents?incident=6f1c',
    },
    rca: {
      headline: 'payments-db connection pool exhausted',
      evidence: ['p99 of payments-db rose first'],
    },
    thread: {},
    signal: new AbortController().signal,
    ...overrides,
  };
}
