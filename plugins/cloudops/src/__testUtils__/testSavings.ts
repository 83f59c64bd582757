import {
  Opportunity,
  OpportunityDetail,
  SavingsReport,
  SavingsSummary,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** An orphaned EBS volume of the checkout service. */
export const testOpportunity: Opportunity = {
  id: '0b7e4f4e-1111-4c4c-9c9c-000000000001',
  detector: 'aws-ebs-orphans',
  kind: 'ebs-orphan',
  shard: '111111111111',
  resource: {
    id: 'vol-0abc',
    type: 'ebs-volume',
    name: 'checkout-data-old',
    region: 'eu-west-1',
    account: '111111111111',
  },
  account: '111111111111',
  entityRef: 'component:default/checkout-service',
  ownerRef: 'group:default/team-checkout',
  title: 'Delete orphaned volume checkout-data-old',
  current: { description: 'gp3 500 GiB', monthlyCost: 40, spec: {} },
  recommended: {
    description: 'snapshot, then delete',
    monthlyCost: 2.5,
    spec: {},
  },
  monthlySavings: 37.5,
  currency: 'USD',
  confidence: 0.9,
  risk: {
    score: 0.2,
    level: 'low',
    blastRadius: { dependents: 0, score: 0 },
    sloImpact: { incidents: 0, score: 0 },
    environment: 'production',
    change: { action: 'delete', score: 0.4 },
    factors: ['no dependents', 'snapshot first'],
  },
  remediation: { template: 'cloudops-ebs-snapshot-and-delete', parameters: {} },
  state: 'detected',
  firstDetectedAt: '2026-11-10T08:00:00.000Z',
  lastDetectedAt: '2026-11-22T08:00:00.000Z',
  stateChangedAt: '2026-11-10T08:00:00.000Z',
  detectionCount: 12,
  realizedToDate: 0,
};

export const testOpportunityDetail: OpportunityDetail = {
  ...testOpportunity,
  evidence: {
    summary: ['Unattached for 21 days'],
    charts: [
      {
        title: 'Read operations',
        unit: 'ops/day',
        kind: 'line',
        series: [
          {
            name: 'reads',
            points: [
              { t: Date.parse('2026-11-01T00:00:00Z'), v: 0 },
              { t: Date.parse('2026-11-02T00:00:00Z'), v: 0 },
            ],
          },
        ],
        thresholds: [{ label: 'idle', value: 1 }],
      },
    ],
    metrics: {},
  },
  ledger: [
    {
      id: 'l1',
      opportunityId: testOpportunity.id,
      to: 'detected',
      actor: 'cloudops',
      data: {},
      createdAt: '2026-11-10T08:00:00.000Z',
    },
    {
      id: 'l2',
      opportunityId: testOpportunity.id,
      from: 'detected',
      to: 'snoozed',
      actor: 'user:default/ana',
      note: 'after the migration',
      data: {},
      createdAt: '2026-11-12T08:00:00.000Z',
    },
    {
      id: 'l3',
      opportunityId: testOpportunity.id,
      from: 'snoozed',
      to: 'detected',
      actor: 'cloudops',
      data: {},
      createdAt: '2026-11-20T08:00:00.000Z',
    },
  ],
  observations: [],
};

export const testSummary: SavingsSummary = {
  entityRef: 'component:default/checkout-service',
  currency: 'USD',
  potentialMonthlySavings: 1240,
  openCount: 3,
  realizedToDate: 5200,
  realizedMonthly: 800,
  topOpportunities: [testOpportunity],
  realizedSeries: [
    { periodStart: '2026-09-01T00:00:00.000Z', amount: 300 },
    { periodStart: '2026-10-01T00:00:00.000Z', amount: 600 },
    { periodStart: '2026-11-01T00:00:00.000Z', amount: 800 },
  ],
  readOnly: false,
};

export const testReport: SavingsReport = {
  id: '5a5a5a5a-2222-4d4d-8e8e-000000000001',
  periodStart: '2026-11-09T00:00:00.000Z',
  periodEnd: '2026-11-16T00:00:00.000Z',
  generatedAt: '2026-11-16T06:00:00.000Z',
  content: {
    title: 'Cloud savings, week of 9 November',
    currency: 'USD',
    periodStart: '2026-11-09T00:00:00.000Z',
    periodEnd: '2026-11-16T00:00:00.000Z',
    generatedAt: '2026-11-16T06:00:00.000Z',
    readOnly: false,
    savedThisWeek: 410,
    savedLastWeek: 380,
    projectedNextWeek: 450,
    realizedToDate: 5200,
    potentialMonthlySavings: 9800,
    weeklySavings: [],
    topOpportunities: [],
    changes: [],
    newByKind: [],
    risk: {
      weightedScore: 0.2,
      byLevel: {
        low: { count: 1, monthlySavings: 37.5 },
        medium: { count: 0, monthlySavings: 0 },
        high: { count: 0, monthlySavings: 0 },
      },
    },
    incidents: { thisWeek: 1, lastWeek: 2, avoided: 0, afterSavingsChanges: 0 },
    nextSteps: [],
  },
};
