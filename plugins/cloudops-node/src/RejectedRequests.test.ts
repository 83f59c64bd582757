import { LoggerService } from '@backstage/backend-plugin-api';
import { ActionAuditEntry } from './actions';
import {
  REJECTED_AUDIT_INTERVAL_MS,
  RejectedRequests,
} from './RejectedRequests';

describe('RejectedRequests', () => {
  it('logs every rejected request but audits the first and then one per interval, with a count', async () => {
    const entries: ActionAuditEntry[] = [];
    const audit = {
      audit: async (entry: ActionAuditEntry) => {
        entries.push(entry);
      },
    };
    const warn = jest.fn();
    const logger = { warn } as unknown as LoggerService;
    let now = 1_000_000;
    const rejected = new RejectedRequests({
      audit,
      logger,
      action: 'slack-interaction',
      actor: 'slack:unverified',
      request: 'a Slack interaction',
      now: () => now,
    });
    const reject = (reason: string) =>
      rejected.record({ reason, ip: '203.0.113.9' });

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
    expect(warn).toHaveBeenCalledTimes(503);
    expect(warn).toHaveBeenLastCalledWith(
      'Refused a Slack interaction from 203.0.113.9: signature does not match',
    );
  });

  it('takes another interval, and says when the address is unknown', async () => {
    const entries: ActionAuditEntry[] = [];
    const warn = jest.fn();
    let now = 0;
    const rejected = new RejectedRequests({
      audit: {
        audit: async entry => {
          entries.push(entry);
        },
      },
      logger: { warn } as unknown as LoggerService,
      action: 'alertmanager-webhook',
      actor: 'alertmanager:unverified',
      request: 'an Alertmanager notification',
      intervalMs: 1_000,
      now: () => now,
    });
    await rejected.record({ reason: 'no credentials', ip: null });
    now = 999;
    await rejected.record({ reason: 'no credentials', ip: null });
    now = 1_000;
    await rejected.record({ reason: 'no credentials', ip: null });
    expect(entries.map(e => e.meta)).toEqual([
      { reason: 'no credentials', ip: null, rejected: 1 },
      { reason: 'no credentials', ip: null, rejected: 2 },
    ]);
    expect(warn).toHaveBeenCalledWith(
      'Refused an Alertmanager notification from an unknown address: no credentials',
    );
  });

  it('keeps the refusal when the audit log fails: logs the cause, and the next entry counts the requests of the one not written', async () => {
    const entries: ActionAuditEntry[] = [];
    const cause = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    let failing = true;
    let attempts = 0;
    const logger = { warn: jest.fn(), error: jest.fn() };
    let now = 0;
    const rejected = new RejectedRequests({
      audit: {
        audit: async entry => {
          attempts += 1;
          if (failing) throw cause;
          entries.push(entry);
        },
      },
      logger: logger as unknown as LoggerService,
      action: 'alertmanager-webhook',
      actor: 'alertmanager:cloudops-prod',
      request: 'an Alertmanager notification',
      intervalMs: 1_000,
      now: () => now,
    });
    const reject = () =>
      rejected.record({
        reason: 'the credentials of another receiver',
        ip: '203.0.113.9',
        meta: { receiver: 'cloudops-stg', rejected: 0 },
      });

    await expect(reject()).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      'Could not audit 1 refused request(s) (alertmanager-webhook, alertmanager:cloudops-prod); the next entry counts them',
      cause,
    );
    // The failed write takes the interval: no write at every refusal.
    now = 500;
    await reject();
    expect(attempts).toBe(1);
    now = 1_000;
    await reject();
    expect(attempts).toBe(2);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/^Could not audit 3 refused request\(s\)/),
      cause,
    );

    failing = false;
    now = 2_000;
    await reject();
    expect(entries).toEqual([
      {
        action: 'alertmanager-webhook',
        actor: 'alertmanager:cloudops-prod',
        outcome: 'failed',
        meta: {
          receiver: 'cloudops-stg',
          reason: 'the credentials of another receiver',
          ip: '203.0.113.9',
          rejected: 4,
        },
      },
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(4);
  });
});
