import { mockServices } from '@backstage/backend-test-utils';
import {
  Incident,
  Signal,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  ActionAuditEntry,
  IncidentTransitionEvent,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { fakeServer, json } from '../__testUtils__/fakeServer';
import { AlertmanagerClient, Silence } from './AlertmanagerClient';
import { SilenceOnAcknowledge } from './SilenceOnAcknowledge';

const incident = { id: 'inc-1', title: 'Checkout crash-loops' } as Incident;

const alert = (fingerprint: string, pod: string) =>
  ({
    source: 'alertmanager',
    kind: 'alert',
    status: 'firing',
    fingerprint,
    account: 'prod',
    timestamp: '2026-11-20T12:00:00.000Z',
    labels: { alertname: 'KubePodCrashLooping', pod },
  } as unknown as Signal);

const transition = (
  to: IncidentTransitionEvent['to'],
  actor: string,
): IncidentTransitionEvent => ({
  incident,
  from: 'open',
  to,
  actor,
  signals: async () => [alert('a', 'checkout-1'), alert('b', 'checkout-2')],
});

/**
 * An Alertmanager that keeps its silences, and answers 500 to the creation
 * or expiry of the silences `failing` names (by their pod matcher or id).
 */
async function fakeAlertmanager(failing: { pods?: string[]; ids?: string[] }) {
  const silences: Silence[] = [];
  const server = await fakeServer((req, body, res) => {
    if (req.method === 'GET') {
      json(res, 200, silences);
    } else if (req.method === 'POST') {
      const silence = JSON.parse(body);
      const pod = silence.matchers.find((m: any) => m.name === 'pod').value;
      if (failing.pods?.includes(pod)) {
        json(res, 500, { error: 'storage full' });
        return;
      }
      const id = `s-${silences.length + 1}`;
      silences.push({ ...silence, id, status: { state: 'active' } });
      json(res, 200, { silenceID: id });
    } else {
      const id = req.url!.split('/').pop()!;
      if (failing.ids?.includes(id)) {
        json(res, 500, { error: 'storage full' });
        return;
      }
      silences.find(s => s.id === id)!.status.state = 'expired';
      res.end();
    }
  });
  return { ...server, silences };
}

function listener(url: string) {
  const entries: ActionAuditEntry[] = [];
  return {
    entries,
    listener: new SilenceOnAcknowledge({
      alertmanagers: new Map([
        ['prod', new AlertmanagerClient('prod', { url, headers: {} })],
      ]),
      durationMs: 3600_000,
      audit: {
        audit: async entry => {
          entries.push(entry);
        },
      },
      logger: mockServices.logger.mock(),
    }),
  };
}

describe('SilenceOnAcknowledge', () => {
  it('writes who silenced and unsilenced what to the audit log', async () => {
    const alertmanager = await fakeAlertmanager({});
    try {
      const { listener: silences, entries } = listener(alertmanager.url);
      await silences.onTransition(
        transition('acknowledged', 'user:default/ann'),
      );
      await silences.onTransition(transition('resolved', 'user:default/bob'));
      // Resolving again finds nothing left to expire: nothing to audit.
      await silences.onTransition(transition('resolved', 'user:default/bob'));
      expect(entries).toEqual([
        {
          action: 'alertmanager-silence',
          actor: 'user:default/ann',
          target: 'inc-1',
          outcome: 'succeeded',
          meta: { cluster: 'prod', silenceIds: ['s-1', 's-2'] },
        },
        {
          action: 'alertmanager-unsilence',
          actor: 'user:default/bob',
          target: 'inc-1',
          outcome: 'succeeded',
          meta: { cluster: 'prod', silenceIds: ['s-1', 's-2'] },
        },
      ]);
    } finally {
      await alertmanager.close();
    }
  });

  it('audits a failed attempt with the silences it made or expired before it failed', async () => {
    const creating = await fakeAlertmanager({ pods: ['checkout-2'] });
    const expiring = await fakeAlertmanager({ ids: ['s-2'] });
    try {
      const first = listener(creating.url);
      await first.listener.onTransition(
        transition('acknowledged', 'user:default/ann'),
      );
      expect(first.entries).toEqual([
        {
          action: 'alertmanager-silence',
          actor: 'user:default/ann',
          target: 'inc-1',
          outcome: 'failed',
          meta: {
            cluster: 'prod',
            silenceIds: ['s-1'],
            reason: expect.stringMatching(
              /^Alertmanager of cluster prod \(http:\/\/127\.0\.0\.1:\d+\) answered 500 to POST \/api\/v2\/silences/,
            ),
          },
        },
      ]);

      const second = listener(expiring.url);
      await second.listener.onTransition(
        transition('acknowledged', 'user:default/ann'),
      );
      await second.listener.onTransition(
        transition('open', 'user:default/bob'),
      );
      expect(second.entries[1]).toEqual({
        action: 'alertmanager-unsilence',
        actor: 'user:default/bob',
        target: 'inc-1',
        outcome: 'failed',
        meta: {
          cluster: 'prod',
          silenceIds: ['s-1'],
          reason: expect.stringMatching(
            /answered 500 to DELETE \/api\/v2\/silence\/s-2/,
          ),
        },
      });
    } finally {
      await creating.close();
      await expiring.close();
    }
  });
});
