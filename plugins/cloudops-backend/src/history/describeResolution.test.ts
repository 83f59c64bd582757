import { IncidentEvent } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { RemediationAction } from '../database/RemediationLearningStore';
import { describeResolution } from './describeResolution';

const event = (
  type: IncidentEvent['type'],
  actor: string,
  message: string,
  data: Record<string, unknown> = {},
): IncidentEvent => ({
  id: message,
  incidentId: 'i-1',
  type,
  actor,
  message,
  data,
  createdAt: '2026-11-23T10:00:00.000Z',
});

const action = (
  runbookId: string,
  outcome: RemediationAction['outcome'],
): RemediationAction => ({
  id: runbookId,
  incidentId: 'i-1',
  runbookId,
  actor: 'user:default/jane',
  signatureKey: 'sig',
  outcome,
  recordedAt: '2026-11-23T10:00:00.000Z',
});

describe('describeResolution', () => {
  const titles = new Map([['scale-out', 'Scale out checkout']]);

  it('names the runbooks that succeeded, by title when known', () => {
    expect(
      describeResolution(
        [
          action('scale-out', 'succeeded'),
          action('restart', 'failed'),
          action('gone', 'succeeded'),
        ],
        [],
        titles,
      ),
    ).toEqual(['runbook: Scale out checkout', 'runbook: gone']);
  });

  it('says the alerts cleared when the engine resolved it, not the timeline line', () => {
    expect(
      describeResolution(
        [],
        [
          event('state', 'cloudops', 'Resolved: Checkout errors cleared (x)', {
            from: 'open',
            to: 'resolved',
          }),
        ],
        titles,
      ),
    ).toEqual(['its alerts clearing']);
  });

  it('names the person of the last resolution, with their note', () => {
    const timeline = [
      event('state', 'user:default/ann', 'Moved to resolved by ann', {
        to: 'resolved',
      }),
      event('state', 'user:default/ann', 'Reopened by ann', { to: 'open' }),
      event('state', 'user:default/jane', 'Moved to resolved by jane: x', {
        to: 'resolved',
        note: 'rolled back the release',
      }),
    ];
    expect(describeResolution([], timeline, titles)).toEqual([
      'user:default/jane: rolled back the release',
    ]);
    expect(describeResolution([], timeline.slice(0, 1), titles)).toEqual([
      'user:default/ann',
    ]);
  });

  it('quotes the last two notes', () => {
    const notes = ['first', 'second', 'third'].map(m =>
      event('note', 'user:default/jane', m),
    );
    expect(describeResolution([], notes, titles)).toEqual([
      'note: second',
      'note: third',
    ]);
  });
});
