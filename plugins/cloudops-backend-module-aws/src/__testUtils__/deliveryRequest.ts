import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { ActionDeliveryRequest } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** An incident on an AWS-hosted service, as channels are handed it. */
export const paymentsIncident: Incident = {
  id: '2d9e7c1a-6b3f-4a8e-9c5d-0f1e2a3b4c5d',
  title: 'payments-api 5xx rate above 5%',
  description: 'HTTPCode_Target_5XX_Count / RequestCount = 12%',
  severity: 'high',
  state: 'open',
  entityRef: 'component:default/payments-api',
  createdBy: 'cloudops',
  createdAt: '2026-11-22T09:30:00.000Z',
  updatedAt: '2026-11-22T09:30:00.000Z',
  ruleId: 'alb-error-rate',
  ownerRef: 'group:default/team-payments',
  account: '111111111111',
  labels: { region: 'eu-west-1' },
  signalCount: 3,
};

/** A delivery of that incident, with overrides. */
export function paymentsDelivery(
  overrides: Partial<ActionDeliveryRequest> = {},
): ActionDeliveryRequest {
  return {
    id: '7a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
    idempotencyKey: 'cloudops-7a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
    attempt: 1,
    kind: 'notify',
    event: 'opened',
    incident: paymentsIncident,
    entity: {
      ref: 'component:default/payments-api',
      title: 'Payments API',
      environment: 'production',
      ownerRef: 'group:default/team-payments',
    },
    links: {
      incident:
        'https://portal.example.com/catalog/default/component/payments-api/incidents?incident=2d9e7c1a',
    },
    rca: {
      headline: 'payments-db CPU saturated after the 09:12 deployment',
      evidence: ['payments-db CPUUtilization reached 98% at 09:14'],
    },
    thread: {},
    signal: new AbortController().signal,
    ...overrides,
  };
}
