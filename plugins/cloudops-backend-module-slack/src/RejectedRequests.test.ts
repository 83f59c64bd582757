import { mockServices } from '@backstage/backend-test-utils';
import {
  ActionAuditEntry,
  CloudopsActionsEngine,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import {
  REJECTED_AUDIT_INTERVAL_MS,
  RejectedRequests,
} from './RejectedRequests';

describe('RejectedRequests', () => {
  it('logs every rejected request but audits the first and then one per interval, with a count', async () => {
    const entries: ActionAuditEntry[] = [];
    const engine = {
      audit: async (entry: ActionAuditEntry) => {
        entries.push(entry);
      },
    } as CloudopsActionsEngine;
    const logger = mockServices.logger.mock();
    let now = 1_000_000;
    const rejected = new RejectedRequests({ logger, now: () => now });
    const reject = (reason: string) =>
      rejected.record(engine, { reason, ip: '203.0.113.9' });

    await reject('signature does not match');
    // A burst within the interval: logged, not audited.
    for (let i = 0; i < 500; i++) {
      now += 100;
      await reject('signature does not match');
    }
    expect(entries).toHaveLength(1);
    // The interval since the first entry has passed: one entry for the rest.
    now = 1_000_000 + REJECTED_AUDIT_INTERVAL_MS;
    await reject('missing X-Slack-Request-Timestamp or X-Slack-Signature');
    now += REJECTED_AUDIT_INTERVAL_MS - 1;
    await reject('signature does not match');

    expect(entries).toEqual([
      {
        action: 'slack-interaction',
        actor: 'slack:unverified',
        outcome: 'failed',
        meta: {
          reason: 'signature does not match',
          ip: '203.0.113.9',
          rejected: 1,
        },
      },
      {
        action: 'slack-interaction',
        actor: 'slack:unverified',
        outcome: 'failed',
        meta: {
          reason: 'missing X-Slack-Request-Timestamp or X-Slack-Signature',
          ip: '203.0.113.9',
          rejected: 501,
        },
      },
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(503);
    expect(logger.warn).toHaveBeenLastCalledWith(
      'Refused a Slack interaction from 203.0.113.9: signature does not match',
    );
  });
});
