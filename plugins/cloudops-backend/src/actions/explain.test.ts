import {
  Incident,
  IncidentEvent,
  IncidentRca,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { explain } from './explain';

const incident = {
  id: 'i-1',
  title: 'Checkout p99 latency',
  candidateEntityRef: 'component:default/payments',
} as Incident;

const event = (
  type: IncidentEvent['type'],
  message: string,
): IncidentEvent => ({
  id: message,
  incidentId: 'i-1',
  type,
  actor: 'cloudops',
  message,
  data: {},
  createdAt: '2026-11-22T10:00:00Z',
});

describe('explain', () => {
  it('states the analysis’ most likely cause with its evidence', () => {
    const rca = {
      ranking: [
        {
          service: 'payments-db',
          fault: 'cpu',
          score: 0.91,
          evidence: [
            'payments-db cpu +6.1 MAD at t-40s',
            'upstream of checkout',
          ],
        },
        { service: 'checkout', fault: 'latency', score: 0.4, evidence: [] },
      ],
    } as unknown as IncidentRca;
    expect(explain(incident, [event('opened', 'opened')], rca)).toEqual({
      headline: 'Root cause: payments-db most likely (cpu, score 0.91)',
      evidence: ['payments-db cpu +6.1 MAD at t-40s', 'upstream of checkout'],
    });
  });

  it('falls back to correlation before any analysis', () => {
    const timeline = [
      event('opened', 'opened by rule cpu'),
      event('note', 'looking'),
      event('correlated', 'orders alert joined'),
    ];
    expect(explain(incident, timeline)).toEqual({
      headline: 'Candidate root cause: payments (no analysis yet)',
      evidence: ['opened by rule cpu', 'orders alert joined'],
    });
    expect(
      explain(incident, timeline, { ranking: [] } as unknown as IncidentRca)
        .headline,
    ).toBe('Candidate root cause: payments (no analysis yet)');
  });
});
