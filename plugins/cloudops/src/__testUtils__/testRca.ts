import {
  IncidentRca,
  RemediationRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { testIncident } from './renderWithApis';

/** An RCA of the test incident: two candidates, one similar incident, two runbooks. */
export const testRca: IncidentRca = {
  incidentId: testIncident.id,
  revision: 2,
  createdAt: '2026-11-22T10:02:00.000Z',
  trigger: 'grew',
  faultTime: '2026-11-22T09:58:00.000Z',
  ranking: [
    {
      service: 'component:default/payments',
      score: 0.82,
      fault: 'latency',
      evidence: [
        'latency_p99 rose 9.1 scale units 40s before the fault',
        'changed 3m before the fault: Deployment payments v42',
      ],
      changes: [
        {
          service: 'component:default/payments',
          time: Date.parse('2026-11-22T09:55:00Z') / 1000,
          description: 'Deployment payments v42',
        },
      ],
    },
    {
      service: 'resource:default/orders-db',
      score: 0.31,
      fault: 'saturation',
      evidence: ['connections rose 4.2 scale units'],
    },
  ],
  signature: ['latency', 'payments'],
  signatureKey: 'latency|shop',
  narrative:
    'payments is the most likely root cause: its latency rose first, 40s before checkout.',
  narrativeSource: 'template',
  similar: [
    {
      incidentId: '7d1c2a3b-0000-4000-8000-000000000001',
      title: 'Orders DB connection pool exhausted',
      similarity: 0.74,
      rootCause: 'resource:default/orders-db',
      fault: 'saturation',
      resolvedAt: '2026-11-01T12:00:00.000Z',
      resolution: ['Scale out checkout'],
    },
  ],
  remediations: [
    {
      runbookId: 'scale-out-checkout',
      title: 'Scale out checkout',
      reason: 'matches fault latency',
      successRate: 0.8,
      uses: 3,
      executable: true,
      action: { type: 'kubernetes.scale', params: { replicas: 6 } },
    },
    {
      runbookId: 'db-pool',
      title: 'Raise the orders DB pool',
      url: 'https://runbooks.example.com/db-pool',
      reason: 'matches alert OrdersDbConnections',
      successRate: 0.5,
      uses: 0,
      executable: false,
    },
  ],
  inputs: { services: 6, series: 24, changes: 1, graphEdges: 7 },
};

/** A remediation of the test incident requested by ana, approved by bo, waiting for a second approver. */
export const testWaitingRemediation: RemediationRequest = {
  id: 'r1',
  incidentId: testIncident.id,
  executor: 'kubernetes.scale',
  ref: 'scale-out-checkout',
  parameters: { replicas: 6 },
  requestedBy: 'user:default/ana',
  state: 'awaiting-approval',
  severity: 'critical',
  policy: {
    approvalsRequired: 2,
    reasons: ['critical in production needs 2 approvers'],
    targets: ['deployment/checkout'],
  },
  decisions: [
    {
      actor: 'user:default/bo',
      decision: 'approve',
      via: 'portal',
      createdAt: '2026-11-22T10:05:00.000Z',
    },
  ],
  createdAt: '2026-11-22T10:04:00.000Z',
  updatedAt: '2026-11-22T10:05:00.000Z',
};
