import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { eventually } from '../__testUtils__/fakeHttpServer';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import {
  ORPHAN_VOLUME,
  recordOrphanVolume,
} from '../savings/__testUtils__/orphanVolume';
import { APPROVAL_EXPIRY_TASK } from './approvalExpiry';
import {
  raiseIncident as raise,
  recordingChannel,
  recordingExecutor,
  startActionsBackend,
} from './__testUtils__/actionsBackend';
import { decide, ledgerOf, settled } from './__testUtils__/remediationApi';

jest.setTimeout(60_000);

const ANA = 'user:default/ana.silva';
const BEN = 'user:default/ben.okafor';
const as = (user: string) => mockCredentials.user.header(user);
const DAY_MS = 24 * 3600_000;

const databases = cloudopsTestDatabases();

/**
 * The actions backend on a test database, with a scheduler that only keeps
 * the tasks (the test runs the expiry sweep), every incident's messages
 * going to the chat channel, and an executor whose dry run waits for
 * `dryRunGate` when given.
 */
async function start(
  id: TestDatabaseId,
  options: { actions?: object; dryRunGate?: Promise<void> } = {},
) {
  const { knex, database } = await databases.create(id);
  const opportunity = await recordOrphanVolume(database);
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      tasks.set(task.id, task);
    },
  });
  const chat = recordingChannel();
  const { executor, runs } = recordingExecutor();
  const run = executor.execute.bind(executor);
  executor.execute = async step => {
    if (step.dryRun) await options.dryRunGate;
    return run(step);
  };
  const server = await startActionsBackend({
    executor,
    channel: chat.channel,
    knex,
    features: [scheduler.factory],
    cloudops: {
      actions: {
        routes: [{ notify: [{ channel: 'slack' }] }],
        ...options.actions,
      },
    },
  });
  /** Moves a request's approval expiry to a minute ago (instead of the clock a day on). */
  const expire = async (requestId: string) => {
    const past = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await knex('remediation_requests')
      .where({ id: requestId })
      .update({ approval_expires_at: past });
    return past.toISOString();
  };
  const sweep = () =>
    tasks.get(APPROVAL_EXPIRY_TASK)!.fn(new AbortController().signal);
  const executed = () => runs.filter(r => !r.dryRun).map(r => r.ref);
  return { server, opportunity, chat, expire, sweep, executed };
}

async function askIncident(server: any, incidentId: string) {
  const res = await request(server)
    .post(`/api/cloudops/incidents/${incidentId}/remediations`)
    .set('Authorization', as(ANA))
    .send({ executor: 'ssm', ref: 'RestartCheckoutPods' })
    .expect(201);
  return res.body.id as string;
}

async function askOpportunity(
  server: any,
  opportunityId: string,
  approval?: { required: boolean },
) {
  const res = await request(server)
    .post(`/api/cloudops/opportunities/${opportunityId}/remediations`)
    .set('Authorization', as(ANA))
    .send({
      executor: 'ssm',
      ref: 'CloudOps-SnapshotAndDeleteVolume',
      parameters: { VolumeId: ORPHAN_VOLUME },
      approval,
    })
    .expect(201);
  return res.body.id as string;
}

/** The opportunity's owner rejects it (keeps the resource on purpose). */
async function rejectByOwner(server: any, opportunityId: string) {
  await request(server)
    .post(`/api/cloudops/opportunities/${opportunityId}/transition`)
    .set('Authorization', as(ANA))
    .send({ to: 'rejected', note: 'kept on purpose' })
    .expect(200);
}

async function get(server: any, id: string) {
  return (await request(server).get(`/api/cloudops/remediations/${id}`)).body;
}

async function timelineOf(server: any, incidentId: string) {
  const res = await request(server).get(
    `/api/cloudops/incidents/${incidentId}`,
  );
  return (res.body.timeline as any[])
    .filter(e => e.data?.remediationId)
    .map(e => e.message as string);
}

async function auditOf(server: any, requestId: string) {
  const res = await request(server)
    .get('/api/cloudops/audit')
    .query({ target: requestId });
  return (res.body.items as any[])
    .map(a => `${a.action}:${a.outcome}`)
    .reverse();
}

describe.each(databases.ids)('the approval expiry on %p', id => {
  it('waits a day for approvals by default; a later decision is refused and the sweep ends the request, telling its channels', async () => {
    const { server, chat, expire, sweep, executed } = await start(id);
    const incidentId = await raise(server, 'component:default/checkout'); // high, production: 1 approver
    const requestId = await askIncident(server, incidentId);
    const waiting = await settled(server, requestId, ['awaiting-approval']);
    expect(
      Date.parse(waiting.approvalExpiresAt) - Date.parse(waiting.updatedAt),
    ).toBe(DAY_MS);
    await sweep(); // nothing has expired yet
    expect((await get(server, requestId)).state).toBe('awaiting-approval');

    const expiredAt = await expire(requestId);
    const late = await decide(server, requestId, BEN);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(
      `Remediation request ${requestId} expired at ${expiredAt} without its approvals; request it again to run it`,
    );

    await sweep();
    const reason = `approval ended at ${expiredAt} with 0 of 1 approval(s)`;
    const expired = await get(server, requestId);
    expect(expired).toMatchObject({ state: 'expired', decisions: [] });
    expect(expired.policy.reasons[0]).toBe(reason);
    expect((await decide(server, requestId, BEN)).status).toBe(409);
    expect(await timelineOf(server, incidentId)).toContain(
      `Remediation ssm RestartCheckoutPods expired: ${reason}`,
    );
    await eventually(() =>
      chat.delivered.find(
        d =>
          d.event === 'remediation-updated' &&
          d.remediation?.state === 'expired',
      ),
    );
    expect(executed()).toEqual([]);
    expect(await auditOf(server, requestId)).toEqual([
      'remediation-policy:succeeded',
      'remediation-dry-run:succeeded',
      'remediation-decision:failed',
      'remediation-end:succeeded',
      'remediation-decision:failed',
    ]);
  });

  it('waits as long as configured, and an expired request opens its opportunity again', async () => {
    const { server, opportunity, expire, sweep, executed } = await start(id, {
      actions: { remediation: { approvalTimeout: { hours: 2 } } },
    });
    const requestId = await askOpportunity(server, opportunity.id, {
      required: true,
    });
    const waiting = await settled(server, requestId, ['awaiting-approval']);
    expect(
      Date.parse(waiting.approvalExpiresAt) - Date.parse(waiting.updatedAt),
    ).toBe(2 * 3600_000);
    const expiredAt = await expire(requestId);
    await sweep();
    expect((await get(server, requestId)).state).toBe('expired');
    const ledger = await ledgerOf(server, opportunity.id);
    expect(ledger.moves).toEqual([
      '>detected',
      'detected>pr_opened',
      'pr_opened>detected',
    ]);
    expect(ledger.entries[2].note).toBe(
      `Remediation ssm CloudOps-SnapshotAndDeleteVolume expired: approval ended at ${expiredAt} with 0 of 1 approval(s)`,
    );
    expect(executed()).toEqual([]);
  });
});

describe.each(databases.ids)('a request whose subject closed on %p', id => {
  it('is cancelled, not approved, once its incident is resolved', async () => {
    const { server, executed } = await start(id);
    const incidentId = await raise(server, 'component:default/checkout');
    const requestId = await askIncident(server, incidentId);
    await settled(server, requestId, ['awaiting-approval']);
    await request(server)
      .post(`/api/cloudops/incidents/${incidentId}/transition`)
      .send({ to: 'resolved' })
      .expect(200);

    const res = await decide(server, requestId, BEN);
    expect(res.status).toBe(409);
    const reason = `Incident ${incidentId} is resolved`;
    expect(res.body.error.message).toBe(
      `Remediation request ${requestId} is cancelled: ${reason}`,
    );
    const cancelled = await get(server, requestId);
    expect(cancelled).toMatchObject({ state: 'cancelled', decisions: [] });
    expect(cancelled.policy.reasons[0]).toBe(reason);
    expect(await timelineOf(server, incidentId)).toContain(
      `Remediation ssm RestartCheckoutPods cancelled: ${reason}`,
    );
    expect(await auditOf(server, requestId)).toEqual([
      'remediation-policy:succeeded',
      'remediation-dry-run:succeeded',
      'remediation-decision:failed',
      'remediation-end:succeeded',
    ]);
    await new Promise(r => setTimeout(r, 300));
    expect(executed()).toEqual([]);
  });

  it('is cancelled when an approver approves after the owner rejected its opportunity, and the rejection stands', async () => {
    const { server, opportunity, executed } = await start(id);
    const requestId = await askOpportunity(server, opportunity.id, {
      required: true,
    });
    await settled(server, requestId, ['awaiting-approval']);
    await rejectByOwner(server, opportunity.id);

    const res = await decide(server, requestId, BEN);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `Remediation request ${requestId} is cancelled: Opportunity ${opportunity.id} is rejected`,
    );
    expect((await get(server, requestId)).state).toBe('cancelled');
    expect((await ledgerOf(server, opportunity.id)).moves).toEqual([
      '>detected',
      'detected>pr_opened',
      'pr_opened>rejected',
    ]);
    await new Promise(r => setTimeout(r, 300));
    expect(executed()).toEqual([]);
  });

  it('is cancelled just before it would execute, when the opportunity closed after its approval', async () => {
    let release = () => {};
    const dryRunGate = new Promise<void>(resolve => {
      release = resolve;
    });
    // No approval rule: it is approved once its dry run is done.
    const { server, opportunity, executed } = await start(id, {
      actions: { remediation: { approvals: [] } },
      dryRunGate,
    });
    const requestId = await askOpportunity(server, opportunity.id);
    await settled(server, requestId, ['dry-run']);
    await rejectByOwner(server, opportunity.id);
    release();

    const cancelled = await settled(server, requestId, [
      'cancelled',
      'succeeded',
    ]);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.policy.reasons[0]).toBe(
      `Opportunity ${opportunity.id} is rejected`,
    );
    expect(executed()).toEqual([]);
    expect((await ledgerOf(server, opportunity.id)).state).toBe('rejected');
    expect(await auditOf(server, requestId)).toEqual(
      expect.arrayContaining(['remediation-execute:succeeded']),
    );
    expect(await auditOf(server, requestId)).not.toContain(
      'remediation-outcome:succeeded',
    );
  });
});
