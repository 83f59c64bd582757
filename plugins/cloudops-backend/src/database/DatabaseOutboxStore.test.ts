import { TestDatabaseId } from '@backstage/backend-test-utils';
import path from 'node:path';
import { at, storedIncident, t0 } from '../__testUtils__/storedIncident';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { NewDelivery } from './OutboxStore';

jest.setTimeout(60_000);

function delivery(
  incidentId: string,
  overrides: Partial<NewDelivery> = {},
): NewDelivery {
  return {
    incidentId,
    kind: 'notify',
    channel: 'slack',
    target: '#noc',
    event: 'opened',
    payload: {},
    maxAttempts: 3,
    ...overrides,
  };
}

describe('DatabaseOutboxStore', () => {
  const databases = cloudopsTestDatabases();

  /** One delivery of `maxAttempts`, and claims of it with a 5 s lease. */
  async function oneDelivery(id: TestDatabaseId, maxAttempts: number) {
    const { database } = await databases.create(id);
    const { outbox } = database.stores;
    const incident = await storedIncident(database);
    const [d] = await outbox.enqueue(
      [delivery(incident.id, { maxAttempts })],
      t0,
    );
    const claim = (seconds: number) =>
      outbox.claimDue({ now: at(seconds), leaseMs: 5_000, limit: 1 });
    return { outbox, d, claim };
  }

  it.each(databases.ids)(
    'delivers a conversation in order and hands later deliveries the thread on %p',
    async id => {
      const { database } = await databases.create(id);
      const { outbox } = database.stores;
      const incident = await storedIncident(database);
      const [opened, resolved, webhook] = await outbox.enqueue(
        [
          delivery(incident.id),
          delivery(incident.id, { event: 'resolved' }),
          delivery(incident.id, { channel: 'webhook', target: 'ops' }),
        ],
        t0,
      );
      expect(opened.idempotencyKey).toBe(`cloudops-${opened.id}`);

      const first = await outbox.claimDue({
        now: at(1),
        leaseMs: 30_000,
        limit: 10,
      });
      // `resolved` waits for `opened`; the webhook is its own conversation.
      expect(first.map(d => d.id)).toEqual([opened.id, webhook.id]);
      expect(first[0]).toMatchObject({ status: 'delivering', attempts: 1 });
      expect(
        await outbox.claimDue({ now: at(1), leaseMs: 30_000, limit: 10 }),
      ).toEqual([]);

      expect(
        await outbox.markDelivered(opened.id, 1, { ts: '171.5' }, at(2)),
      ).toBe(true);
      const second = await outbox.claimDue({
        now: at(2),
        leaseMs: 30_000,
        limit: 10,
      });
      expect(second.map(d => d.id)).toEqual([resolved.id]);
      expect(await outbox.thread(second[0].conversation)).toEqual({
        ts: '171.5',
      });
      expect(await outbox.get(opened.id)).toMatchObject({
        status: 'delivered',
        result: { ts: '171.5' },
        deliveredAt: at(2).toISOString(),
      });
    },
  );

  it.each(databases.ids)(
    'backs off, dead-letters, retries and skips excluded channels on %p',
    async id => {
      const { database } = await databases.create(id);
      const { outbox } = database.stores;
      const incident = await storedIncident(database);
      const [slack, jira] = await outbox.enqueue(
        [
          delivery(incident.id),
          delivery(incident.id, { kind: 'ticket', channel: 'jira' }),
        ],
        t0,
      );
      const claimed = await outbox.claimDue({
        now: at(0),
        leaseMs: 30_000,
        limit: 10,
        excludeChannels: ['jira'],
      });
      expect(claimed.map(d => d.id)).toEqual([slack.id]);

      await outbox.markFailed(
        slack.id,
        1,
        { error: 'HTTP 503', retryAt: at(10) },
        at(1),
      );
      expect(await outbox.get(slack.id)).toMatchObject({
        status: 'pending',
        lastError: 'HTTP 503',
        nextAttemptAt: at(10).toISOString(),
      });
      expect(await outbox.nextDueAt()).toEqual(at(0)); // jira is still due
      const early = await outbox.claimDue({
        now: at(5),
        leaseMs: 30_000,
        limit: 10,
      });
      expect(early.map(d => d.id)).toEqual([jira.id]);
      const later = await outbox.claimDue({
        now: at(10),
        leaseMs: 30_000,
        limit: 10,
      });
      expect(later.map(d => [d.id, d.attempts])).toEqual([[slack.id, 2]]);
      // A stale attempt cannot settle the delivery.
      expect(await outbox.markDelivered(slack.id, 1, {}, at(11))).toBe(false);

      await outbox.markFailed(
        slack.id,
        2,
        { error: 'channel_not_found', dead: true },
        at(11),
      );
      expect(await outbox.list({ status: ['dead'], limit: 10 })).toMatchObject([
        { id: slack.id, lastError: 'channel_not_found' },
      ]);
      expect(await outbox.retry(slack.id, at(20))).toMatchObject({
        status: 'pending',
        attempts: 0,
      });
      expect(await outbox.retry(jira.id, at(20))).toMatchObject({
        status: 'delivering', // only dead deliveries are retried
      });
    },
  );

  it.each(databases.ids)(
    'leases a remediation step for as long as a step may run, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { outbox } = database.stores;
      const incident = await storedIncident(database);
      await outbox.enqueue(
        [
          delivery(incident.id, { kind: 'remediate', channel: 'ssm' }),
          delivery(incident.id),
        ],
        t0,
      );
      const claimed = await outbox.claimDue({
        now: at(0),
        leaseMs: 5_000,
        remediationLeaseMs: 60_000,
        limit: 2,
      });
      expect(claimed.map(c => c.kind).sort()).toEqual(['notify', 'remediate']);
      // The notification's lease runs out; the running step's does not.
      const later = await outbox.claimDue({
        now: at(30),
        leaseMs: 5_000,
        remediationLeaseMs: 60_000,
        limit: 2,
      });
      expect(later.map(c => c.kind)).toEqual(['notify']);
    },
  );

  it.each(databases.ids)(
    'takes a delivery again when its lease runs out, and gives up after the last attempt on %p',
    async id => {
      const { outbox, d } = await oneDelivery(id, 2);
      await outbox.claimDue({ now: at(0), leaseMs: 5_000, limit: 1 });
      expect(await outbox.nextDueAt()).toEqual(at(5));
      expect(
        await outbox.claimDue({ now: at(4), leaseMs: 5_000, limit: 1 }),
      ).toEqual([]);
      const again = await outbox.claimDue({
        now: at(6),
        leaseMs: 5_000,
        limit: 1,
      });
      expect(again.map(x => x.attempts)).toEqual([2]);
      expect(again[0].abandoned).toBeUndefined();
      // The second attempt never finishes either: no attempts are left, so
      // it is claimed once more, by one claimer, only for the worker to
      // record it as dead.
      const abandoned = (
        await Promise.all(
          [1, 2].map(() =>
            outbox.claimDue({ now: at(12), leaseMs: 5_000, limit: 1 }),
          ),
        )
      ).flat();
      expect(abandoned.map(x => [x.attempts, x.abandoned])).toEqual([
        [2, true],
      ]);
      await outbox.markFailed(
        d.id,
        2,
        { error: 'its last attempt never finished', dead: true },
        at(12),
      );
      expect(await outbox.get(d.id)).toMatchObject({
        status: 'dead',
        lastError: expect.stringMatching(/never finished/),
      });
    },
  );

  it.each(databases.ids)(
    'gives each due delivery to one of two concurrent claimers on %p',
    async id => {
      const { database } = await databases.create(id);
      const { outbox } = database.stores;
      const incident = await storedIncident(database);
      await outbox.enqueue(
        Array.from({ length: 20 }, (_, i) =>
          delivery(incident.id, { target: `#c${i}` }),
        ),
        t0,
      );
      const [a, b] = await Promise.all([
        outbox.claimDue({ now: at(1), leaseMs: 30_000, limit: 20 }),
        outbox.claimDue({ now: at(1), leaseMs: 30_000, limit: 20 }),
      ]);
      const ids = [...a, ...b].map(d => d.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
    },
  );

  it.each(databases.ids)(
    'takes no more of a channel than its room on %p',
    async id => {
      const { database } = await databases.create(id);
      const { outbox } = database.stores;
      const incident = await storedIncident(database);
      await outbox.enqueue(
        [
          ...Array.from({ length: 6 }, (_, i) =>
            delivery(incident.id, { target: `#c${i}` }),
          ),
          delivery(incident.id, { channel: 'webhook', target: 'ops' }),
        ],
        t0,
      );
      const claimed = await outbox.claimDue({
        now: at(1),
        leaseMs: 30_000,
        limit: 10,
        room: channel => (channel === 'slack' ? 2 : 10),
      });
      expect(claimed.map(d => d.channel).sort()).toEqual([
        'slack',
        'slack',
        'webhook',
      ]);
    },
  );

  it.each(databases.ids)(
    'hands out a delivery an operator retried as a redelivery, on %p',
    async id => {
      const { outbox, d, claim } = await oneDelivery(id, 1);
      expect((await claim(0)).map(c => [c.attempts, c.redelivery])).toEqual([
        [1, false],
      ]);
      // The backend dies during the only attempt, after the channel took it.
      const [abandoned] = await claim(6);
      expect(abandoned.abandoned).toBe(true);
      await outbox.markFailed(
        d.id,
        1,
        { error: 'its last attempt never finished', dead: true },
        at(6),
      );
      await outbox.retry(d.id, at(10));
      const [retried] = await claim(10);
      expect([retried.attempts, retried.redelivery]).toEqual([1, true]);
    },
  );

  it.each(databases.ids)(
    'gives back an unsent attempt unless another attempt has claimed the delivery since, on %p',
    async id => {
      const { outbox, d, claim } = await oneDelivery(id, 2);
      const [first] = await claim(0);
      expect(first.leaseUntil).toEqual(at(5));
      // Its lease ran out, and no other attempt took it yet.
      expect(await outbox.release(d.id, 1, first.leaseUntil, at(6))).toBe(true);
      expect(await outbox.get(d.id)).toMatchObject({
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at(6).toISOString(),
      });
      const [again] = await claim(6);
      // The attempt given back did not count, nor make this a redelivery.
      expect([again.attempts, again.redelivery]).toEqual([1, false]);

      // Another attempt took it after the lease: a late give-back is refused.
      const [second] = await claim(12);
      expect(await outbox.release(d.id, 1, again.leaseUntil, at(13))).toBe(
        false,
      );
      // Its last attempt, taken over as abandoned (same attempts, a new lease).
      const [abandoned] = await claim(18);
      expect(abandoned).toMatchObject({ attempts: 2, abandoned: true });
      expect(await outbox.release(d.id, 2, second.leaseUntil, at(19))).toBe(
        false,
      );
      expect(await outbox.get(d.id)).toMatchObject({
        status: 'delivering',
        attempts: 2,
      });
    },
  );

  it.each(databases.ids)(
    'counts a stored delivery with an error as tried before, as it may have been retried by hand, on %p',
    async id => {
      const { knex, database } = await databases.create(id);
      const { outbox } = database.stores;
      const incident = await storedIncident(database);
      const [fresh, retried] = await outbox.enqueue(
        [
          delivery(incident.id, { target: '#fresh' }),
          delivery(incident.id, { target: '#retried' }),
        ],
        t0,
      );
      await knex('action_outbox')
        .where({ id: retried.id })
        .update({ last_error: 'HTTP 503' });
      const directory = path.resolve(__dirname, '../../migrations');
      await knex.migrate.down({
        directory,
        name: '20261130000000_outbox_total_attempts.js',
      });
      await knex.migrate.latest({ directory });
      const claimed = await outbox.claimDue({
        now: at(1),
        leaseMs: 5_000,
        limit: 2,
      });
      expect(claimed.map(c => [c.id, c.attempts, c.redelivery])).toEqual([
        [fresh.id, 1, false],
        [retried.id, 1, true],
      ]);
    },
  );
});
