import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { eventually } from '../__testUtils__/fakeHttpServer';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { lockWaiters } from '../database/__testUtils__/lockWaiters';
import {
  raiseIncident as raise,
  recordingExecutor,
  startActionsBackend,
} from './__testUtils__/actionsBackend';
import { decide, settled } from './__testUtils__/remediationApi';

jest.setTimeout(60_000);

const ANA = 'user:default/ana.silva';
const BEN = 'user:default/ben.okafor';
const CAROL = 'user:default/carol.diaz';

const databases = cloudopsTestDatabases();

/** A request by Ana on a production incident of the given severity, awaiting approval. */
async function awaitingApproval(id: TestDatabaseId, severity: string) {
  const { knex } = await databases.create(id);
  const { executor, runs } = recordingExecutor();
  const server = await startActionsBackend({ executor, knex, cloudops: {} });
  const incidentId = await raise(
    server,
    'component:default/checkout',
    severity,
  );
  const created = await request(server)
    .post(`/api/cloudops/incidents/${incidentId}/remediations`)
    .set('Authorization', mockCredentials.user.header(ANA))
    .send({ executor: 'ssm', ref: 'RestartCheckoutPods' })
    .expect(201);
  const requestId = created.body.id as string;
  await settled(server, requestId, ['awaiting-approval']);
  return { knex, server, runs, incidentId, requestId };
}

/**
 * Bob's and Carol's decisions, made at once: on PostgreSQL, both are held
 * (a lock on the decisions table stops their insert; whoever waits on the
 * request's row lock waits there) until both have started, Bob first, then
 * let go together. SQLite runs one transaction at a time.
 */
async function decideAtOnce(
  knex: Knex,
  server: any,
  requestId: string,
  decisions: { bob: string; carol: string },
) {
  // Sent now (a supertest request goes out once it is awaited).
  const decideNow = (user: string, decision: string) =>
    decide(server, requestId, user, decision).then(res => res);
  const postgres = String(knex.client.config.client).includes('pg');
  const hold = postgres ? await knex.transaction() : undefined;
  await hold?.raw('LOCK TABLE remediation_decisions IN SHARE MODE');
  const bob = decideNow(BEN, decisions.bob);
  await lockWaiters(knex, 1);
  const carol = decideNow(CAROL, decisions.carol);
  await lockWaiters(knex, 2);
  await hold?.commit();
  return { bob: await bob, carol: await carol };
}

async function detailOf(server: any, incidentId: string, requestId: string) {
  const remediation = (
    await request(server).get(`/api/cloudops/remediations/${requestId}`)
  ).body;
  const incident = await request(server).get(
    `/api/cloudops/incidents/${incidentId}`,
  );
  const timeline = (incident.body.timeline as any[])
    .filter(e => e.type === 'approval')
    .map(e => e.message as string);
  return { remediation, timeline };
}

describe.each(databases.ids)('decisions made at once on %p', id => {
  it('count each other: the second of two approvals needed approves the request', async () => {
    const { knex, server, runs, incidentId, requestId } =
      await awaitingApproval(id, 'critical'); // 2 approvers
    const { bob, carol } = await decideAtOnce(knex, server, requestId, {
      bob: 'approve',
      carol: 'approve',
    });
    expect([bob.status, carol.status]).toEqual([200, 200]);
    expect([bob.body.state, carol.body.state].sort()).toEqual([
      'approved',
      'awaiting-approval',
    ]);
    const { remediation, timeline } = await detailOf(
      server,
      incidentId,
      requestId,
    );
    expect(remediation.decisions.map((d: any) => d.actor).sort()).toEqual([
      BEN,
      CAROL,
    ]);
    expect(timeline.map(line => line.replace(/^\S+ /, ''))).toEqual([
      'approved ssm RestartCheckoutPods (1/2) via portal',
      'approved ssm RestartCheckoutPods (2/2) via portal',
    ]);
    await eventually(() => runs.some(r => !r.dryRun));
  });

  it('move the request once: the decision that comes second is refused and leaves no trace', async () => {
    const { knex, server, incidentId, requestId } = await awaitingApproval(
      id,
      'high',
    ); // 1 approver
    const { bob, carol } = await decideAtOnce(knex, server, requestId, {
      bob: 'approve',
      carol: 'reject',
    });
    const [first, second] = bob.status === 200 ? [bob, carol] : [carol, bob];
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    // Decided already (and perhaps executing by now).
    expect(second.body.error.message).toMatch(
      new RegExp(
        `^Remediation request ${requestId} is [a-z-]+, not awaiting approval$`,
      ),
    );
    const { remediation, timeline } = await detailOf(
      server,
      incidentId,
      requestId,
    );
    expect(remediation.decisions).toHaveLength(1);
    expect(timeline).toHaveLength(1);
    expect(first.body.state).toBe(first === bob ? 'approved' : 'rejected');
    const audit = await request(server)
      .get('/api/cloudops/audit')
      .query({ target: requestId });
    expect(
      audit.body.items
        .filter((a: any) => a.action === 'remediation-decision')
        .map((a: any) => a.outcome)
        .sort(),
    ).toEqual(['failed', 'succeeded']);
  });
});
