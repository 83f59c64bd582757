import { RemediationRequest } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { ActionDeliveryRequest } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** An open incident, as deliveries carry it. */
export const incident = {
  id: '6f1c2a9e-0d7b-4c1e-9a51-3b7f1e2d4c5a',
  title: 'CrashLoopBackOff in shop/checkout-7d9',
  severity: 'critical' as const,
  state: 'open' as const,
  entityRef: 'component:default/checkout-service',
  createdBy: 'cloudops',
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  ownerRef: 'group:default/team-checkout',
  labels: {},
  signalCount: 1,
};

/** A first delivery about {@link incident} to `#team-checkout`. */
export function request(
  over: Partial<ActionDeliveryRequest> = {},
): ActionDeliveryRequest {
  return {
    id: 'd1',
    idempotencyKey: 'cloudops-d1',
    attempt: 1,
    kind: 'notify',
    event: 'opened',
    target: '#team-checkout',
    incident,
    entity: {
      ref: incident.entityRef,
      title: 'Checkout',
      environment: 'production',
      ownerRef: incident.ownerRef,
    },
    links: { incident: 'http://portal.test/incidents/6f1c' },
    rca: { headline: 'payments-db connection pool exhausted', evidence: [] },
    thread: {},
    signal: new AbortController().signal,
    ...over,
  };
}

/** A remediation of {@link incident} awaiting one approval. */
export function remediation(
  over: Partial<RemediationRequest> = {},
): RemediationRequest {
  return {
    id: 'r1',
    incidentId: incident.id,
    executor: 'ssm',
    ref: 'RestartCheckoutPods',
    parameters: {},
    requestedBy: 'cloudops',
    state: 'awaiting-approval',
    severity: 'critical',
    policy: { approvalsRequired: 1, reasons: [], targets: ['i-1'] },
    decisions: [],
    createdAt: incident.createdAt,
    updatedAt: incident.createdAt,
    ...over,
  };
}
