import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { RemediationPlan } from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { eventually } from '../__testUtils__/fakeHttpServer';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import {
  recordingChannel,
  raiseIncident as raise,
  recordingExecutor,
  startActionsBackend,
} from './__testUtils__/actionsBackend';
import { decide, settled } from './__testUtils__/remediationApi';

jest.setTimeout(60_000);

const ANA = 'user:default/ana.silva';
const BEN = 'user:default/ben.okafor';
const DANA = 'user:default/dana.kowalski';
const as = (user: string) => mockCredentials.user.header(user);

/** A rule that asks for a restart when checkout (production) crashes. */
const crashRule = {
  id: 'checkout-crash',
  match: { kind: 'alert', name: 'CheckoutCrash' },
  condition: { type: 'firing' },
  severity: 'critical',
  actions: [
    { type: 'notify', channel: 'slack', target: '#noc' },
    {
      type: 'remediate',
      executor: 'ssm',
      ref: 'RestartCheckoutPods',
      parameters: { Namespace: 'shop', Replicas: 3 },
    },
  ],
};

async function ask(server: any, incidentId: string, user = ANA) {
  const res = await request(server)
    .post(`/api/cloudops/incidents/${incidentId}/remediations`)
    .set('Authorization', as(user))
    .send({ executor: 'ssm', ref: 'RestartCheckoutPods' });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ state: 'requested', requestedBy: user });
  return res.body.id as string;
}

describe('remediation policy', () => {
  it('runs a rule’s remediation on a critical production incident: dry run, two approvers, execution, outcome everywhere', async () => {
    const { executor, runs } = recordingExecutor();
    const chat = recordingChannel();
    const server = await startActionsBackend({
      executor,
      channel: chat.channel,
      cloudops: { rules: { inline: [crashRule] } },
    });
    const signal = {
      source: 'test',
      kind: 'alert',
      name: 'CheckoutCrash',
      status: 'firing',
      timestamp: new Date().toISOString(),
      entityRef: 'component:default/checkout',
    };
    const res = await request(server)
      .post('/api/cloudops/signals')
      .send({ signals: [signal] });
    const [incidentId] = res.body.incidentIds;

    const [pending] = await eventually(async () => {
      const list = await request(server)
        .get('/api/cloudops/remediations')
        .query({ incidentId, state: 'awaiting-approval' });
      return list.body.items.length === 1 && list.body.items;
    });
    expect(pending).toMatchObject({
      requestedBy: 'cloudops',
      ruleId: 'checkout-crash',
      parameters: { Namespace: 'shop', Replicas: 3 },
      policy: {
        approvalsRequired: 2,
        environment: 'production',
        targets: ['i-0abc'],
        reasons: ['critical in production needs 2 approver(s)'],
      },
      dryRun: { status: 'succeeded', summary: 'would restart 1 instance' },
    });
    expect(runs).toEqual([
      {
        ref: 'RestartCheckoutPods',
        dryRun: true,
        idempotencyKey: `cloudops-${pending.id}-dry-run`,
      },
    ]);
    // The approval request went to the incident's chat with the request.
    const approval = await eventually(() =>
      chat.delivered.find(d => d.event === 'approval-requested'),
    );
    expect(approval.remediation).toMatchObject({
      id: pending.id,
      state: 'awaiting-approval',
    });

    // One approval is not enough: nothing runs.
    expect((await decide(server, pending.id, ANA)).body).toMatchObject({
      state: 'awaiting-approval',
      decisions: [{ actor: ANA, decision: 'approve', via: 'portal' }],
    });
    expect((await decide(server, pending.id, ANA)).status).toBe(409); // once per approver
    await new Promise(r => setTimeout(r, 300));
    expect(runs.filter(r => !r.dryRun)).toEqual([]);

    expect((await decide(server, pending.id, BEN)).body.state).toBe('approved');
    const done = await settled(server, pending.id, ['succeeded']);
    expect(done.outcome).toMatchObject({
      status: 'succeeded',
      summary: 'restarted 1 instance',
      executionId: 'exec-2',
    });
    expect(runs[1]).toEqual({
      ref: 'RestartCheckoutPods',
      dryRun: false,
      idempotencyKey: `cloudops-${pending.id}-execute`,
    });
    expect((await decide(server, pending.id, DANA)).status).toBe(409); // too late

    const detail = await request(server).get(
      `/api/cloudops/incidents/${incidentId}`,
    );
    const timeline = detail.body.timeline
      .filter(
        (e: any) =>
          ['action', 'approval'].includes(e.type) && e.data.remediationId,
      )
      .map((e: any) => e.message);
    expect(timeline).toEqual([
      'Remediation ssm RestartCheckoutPods requested by rule checkout-crash',
      'Remediation ssm RestartCheckoutPods: critical in production needs 2 approver(s); dry run first',
      'ssm RestartCheckoutPods (dry run): step 1 of 1 done',
      'Dry run of ssm RestartCheckoutPods succeeded: would restart 1 instance',
      `${ANA} approved ssm RestartCheckoutPods (1/2) via portal`,
      `${BEN} approved ssm RestartCheckoutPods (2/2) via portal`,
      'Executing ssm RestartCheckoutPods',
      'ssm RestartCheckoutPods: step 1 of 1 done',
      'Remediation ssm RestartCheckoutPods succeeded: restarted 1 instance',
    ]);
    const audit = await request(server)
      .get('/api/cloudops/audit')
      .query({ target: pending.id });
    expect(
      audit.body.items.map((a: any) => `${a.action}:${a.outcome}`).reverse(),
    ).toEqual([
      'remediation-policy:succeeded',
      'remediation-dry-run:succeeded',
      'remediation-decision:succeeded',
      'remediation-decision:failed',
      'remediation-decision:succeeded',
      'remediation-execute:succeeded',
      'remediation-outcome:succeeded',
      'remediation-decision:failed',
    ]);
    await eventually(() =>
      chat.delivered.find(
        d =>
          d.event === 'remediation-updated' &&
          d.remediation?.state === 'succeeded',
      ),
    );
  });

  it('refuses self-approval and approvers without the permission; another approver counts', async () => {
    const { executor, runs } = recordingExecutor();
    const server = await startActionsBackend({
      executor,
      deny: (user, permission) =>
        user === DANA && permission === 'cloudops.remediation.approve',
      cloudops: {},
    });
    const incidentId = await raise(server, 'component:default/checkout'); // high, production: 1 approver
    const id = await ask(server, incidentId, ANA);
    await settled(server, id, ['awaiting-approval']);

    const self = await decide(server, id, ANA);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe(
      `${ANA} requested this remediation and cannot approve it; another approver must`,
    );
    // The policy does not grant Dana the approve permission.
    const denied = await decide(server, id, DANA);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Missing permission cloudops.remediation.approve',
    );
    const service = await request(server)
      .post(`/api/cloudops/remediations/${id}/decision`)
      .set('Authorization', mockCredentials.service.header())
      .send({ decision: 'approve' });
    expect(service.status).toBe(403);
    expect(runs.filter(r => !r.dryRun)).toEqual([]);

    expect((await decide(server, id, BEN)).body.state).toBe('approved');
    await settled(server, id, ['succeeded']);
    const audit = await request(server)
      .get('/api/cloudops/audit')
      .query({ target: id });
    const refused = audit.body.items.filter((a: any) => a.outcome === 'failed');
    // Each refusal is audited: the requester, the approver the policy
    // refuses, and the service.
    expect(refused.map((a: any) => a.actor).sort()).toEqual(
      [ANA, DANA, 'external:test-service'].sort(),
    );
  });

  it('waits without approvals, and a rejection ends the request', async () => {
    const { executor, runs } = recordingExecutor();
    const server = await startActionsBackend({ executor, cloudops: {} });
    const incidentId = await raise(server, 'component:default/checkout');
    const id = await ask(server, incidentId);
    await settled(server, id, ['awaiting-approval']);
    await new Promise(r => setTimeout(r, 500));
    expect(
      (await request(server).get(`/api/cloudops/remediations/${id}`)).body
        .state,
    ).toBe('awaiting-approval');
    expect(runs.filter(r => !r.dryRun)).toEqual([]);
    expect((await decide(server, id, BEN, 'reject')).body.state).toBe(
      'rejected',
    );
    expect((await decide(server, id, DANA)).status).toBe(409);
    expect(runs.filter(r => !r.dryRun)).toEqual([]);
  });

  it('in read-only mode runs the dry run and nothing else', async () => {
    const { executor, runs } = recordingExecutor();
    const server = await startActionsBackend({
      executor,
      cloudops: { readOnly: true },
    });
    const incidentId = await raise(server, 'component:default/checkout');
    const id = await ask(server, incidentId);
    const blocked = await settled(server, id, ['blocked']);
    expect(blocked.policy).toMatchObject({ blockedBy: 'read-only' });
    expect(blocked.policy.reasons[0]).toMatch(/^read-only mode/);
    expect(blocked.dryRun).toMatchObject({ status: 'succeeded' });
    expect(runs.map(r => r.dryRun)).toEqual([true]);
    // Notifications still go out in read-only mode: the incident was recorded and is readable.
    await request(server)
      .get(`/api/cloudops/incidents/${incidentId}`)
      .expect(200);
  });

  it('in cost-safe mode refuses what may raise cost outside production, and lets savings through', async () => {
    const plans: Record<string, RemediationPlan> = {
      ScaleUp: { targets: ['asg-web'], costImpact: 'increase' },
      Mystery: { targets: ['asg-web'], costImpact: 'unknown' },
      StopIdle: { targets: ['i-idle'], costImpact: 'decrease' },
    };
    const { executor, runs } = recordingExecutor(ref => plans[ref]);
    const server = await startActionsBackend({ executor, cloudops: {} });
    const incidentId = await raise(server, 'component:default/web'); // no environment: not production
    const requestOf = async (ref: string) => {
      const res = await request(server)
        .post(`/api/cloudops/incidents/${incidentId}/remediations`)
        .set('Authorization', as(ANA))
        .send({ executor: 'ssm', ref, dryRun: false });
      return res.body.id as string;
    };
    const up = await settled(server, await requestOf('ScaleUp'), ['blocked']);
    expect(up.policy).toMatchObject({
      blockedBy: 'cost-safe',
      costImpact: 'increase',
    });
    expect(up.policy.reasons[0]).toBe(
      'cost-safe mode: an unknown environment is not production and the run would raise cost',
    );
    const mystery = await settled(server, await requestOf('Mystery'), [
      'blocked',
    ]);
    expect(mystery.policy.blockedBy).toBe('cost-safe');
    // Saving money needs no approval outside production and runs.
    // Saving money passes cost-safe mode; an unknown environment still
    // needs the approval production does.
    const stopId = await requestOf('StopIdle');
    const stop = await settled(server, stopId, ['awaiting-approval']);
    expect(stop.policy).toMatchObject({ approvalsRequired: 1 });
    expect(stop.policy.reasons).toEqual([
      'high in an unknown environment (counted as production) needs 1 approver(s)',
    ]);
    expect(runs).toEqual([]);
    expect((await decide(server, stopId, BEN)).body.state).toBe('approved');
    await settled(server, stopId, ['succeeded']);
    expect(runs.map(r => r.ref)).toEqual(['StopIdle']);
  });

  it('refuses a run that would touch more targets than the blast-radius limit, and an executor that is not installed', async () => {
    const { executor, runs } = recordingExecutor(() => ({
      targets: ['i-1', 'i-2', 'i-3'],
      costImpact: 'neutral',
    }));
    const server = await startActionsBackend({
      executor,
      cloudops: { actions: { remediation: { maxTargets: 2 } } },
    });
    const incidentId = await raise(server, 'component:default/checkout');
    const wide = await settled(server, await ask(server, incidentId), [
      'blocked',
    ]);
    expect(wide.policy).toMatchObject({
      blockedBy: 'blast-radius',
      targets: ['i-1', 'i-2', 'i-3'],
    });
    expect(wide.policy.reasons[0]).toBe(
      'blast radius: the run would touch 3 targets, more than the limit of 2',
    );
    const res = await request(server)
      .post(`/api/cloudops/incidents/${incidentId}/remediations`)
      .send({ executor: 'scaffolder', ref: 'open-pr' });
    const missing = await settled(server, res.body.id, ['blocked']);
    expect(missing.policy).toMatchObject({ blockedBy: 'executor' });
    expect(runs.filter(r => !r.dryRun)).toEqual([]);
    await request(server)
      .post(
        '/api/cloudops/incidents/00000000-0000-4000-8000-000000000000/remediations',
      )
      .send({ executor: 'ssm', ref: 'x' })
      .expect(404);
  });
});

describe('a remediation step whose attempt never finished', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'fails its request visibly once no attempt is left, on %p',
    async id => {
      const { knex } = await databases.create(id);
      const { executor } = recordingExecutor();
      const run = executor.execute.bind(executor);
      // The execution does not return, as when the backend stops during it
      // (released at the end, so the backend can stop).
      let release = () => {};
      executor.execute = async step =>
        step.dryRun
          ? run(step)
          : new Promise(resolve => {
              release = () =>
                resolve({ status: 'failed', summary: 'late', outputs: {} });
            });
      const server = await startActionsBackend({
        executor,
        knex,
        cloudops: { actions: { remediation: { approvals: [] } } },
      });
      const incidentId = await raise(server, 'component:default/web');
      const id2 = await ask(server, incidentId);
      await settled(server, id2, ['executing']);
      // Its lease ran out with no attempt left (another replica's view).
      await knex('action_outbox')
        .where({ kind: 'remediate', status: 'delivering' })
        .update({
          attempts: knex.ref('max_attempts'),
          lease_until: new Date(Date.now() - 1000),
        });
      const failed = await settled(server, id2, ['failed']);
      expect(failed.outcome.summary).toMatch(
        /step gave up after \d+ attempt\(s\): its last attempt never finished/,
      );
      release();
    },
  );
});

describe('the attempts of a remediation step', () => {
  it('tells the executor which attempt is the last, so it can stop what it started only then', async () => {
    const { executor } = recordingExecutor();
    const attempts: Array<{ dryRun: boolean; finalAttempt?: boolean }> = [];
    executor.execute = async run => {
      attempts.push({ dryRun: run.dryRun, finalAttempt: run.finalAttempt });
      throw new Error('the automation is still running');
    };
    // No approval rule: straight to the execution.
    const server = await startActionsBackend({
      executor,
      cloudops: { actions: { remediation: { approvals: [] } } },
    });
    const incidentId = await raise(server, 'component:default/web');
    const res = await request(server)
      .post(`/api/cloudops/incidents/${incidentId}/remediations`)
      .set('Authorization', as(ANA))
      .send({ executor: 'ssm', ref: 'RestartCheckoutPods', dryRun: false })
      .expect(201);
    const failed = await settled(server, res.body.id, ['failed']);
    expect(failed.outcome.summary).toBe(
      'The execute step gave up after 3 attempt(s): the automation is still running',
    );
    // delivery.maxAttempts is 3 in these tests.
    expect(attempts).toEqual([
      { dryRun: false, finalAttempt: false },
      { dryRun: false, finalAttempt: false },
      { dryRun: false, finalAttempt: true },
    ]);
  });
});

describe('what a remediation plan pins', () => {
  const databases = cloudopsTestDatabases();

  /**
   * An executor whose plans pin the version of what they describe (the
   * source, which `changeSource` changes), and that records what each run
   * was handed.
   */
  function pinningExecutor() {
    const { executor } = recordingExecutor();
    let version = 1;
    executor.plan = async () => ({
      targets: ['i-0abc'],
      costImpact: 'neutral',
      pin: { documentVersion: String(version) },
    });
    const pinned: Array<{ dryRun: boolean; pinned?: Record<string, string> }> =
      [];
    const run = executor.execute.bind(executor);
    executor.execute = async step => {
      pinned.push({ dryRun: step.dryRun, pinned: step.pinned });
      return run(step);
    };
    return { executor, pinned, changeSource: () => version++ };
  }

  /** A request planned with a pin, awaiting one approval, on a database. */
  async function awaitingApproval(id: TestDatabaseId) {
    const { knex } = await databases.create(id);
    const pinning = pinningExecutor();
    const server = await startActionsBackend({
      executor: pinning.executor,
      knex,
      cloudops: {},
    });
    const incidentId = await raise(server, 'component:default/checkout');
    const requestId = await ask(server, incidentId);
    const waiting = await settled(server, requestId, ['awaiting-approval']);
    const approved = async () => {
      expect((await decide(server, requestId, BEN)).status).toBe(200);
      await settled(server, requestId, ['succeeded']);
    };
    return { ...pinning, knex, requestId, waiting, approved };
  }

  it.each(databases.ids)(
    'is stored with the plan and handed to the dry run and the execution, though the source changed after the plan, on %p',
    async id => {
      const { waiting, changeSource, approved, pinned } =
        await awaitingApproval(id);
      const { pin } = waiting.policy;
      expect(pin).toEqual({ documentVersion: '1' });
      changeSource(); // while approvers look
      await approved();
      expect(pinned).toEqual([
        { dryRun: true, pinned: pin },
        { dryRun: false, pinned: pin },
      ]);
    },
  );

  it.each(databases.ids)(
    'is absent for a request planned before plans had pins: it runs unpinned, on %p',
    async id => {
      const { knex, requestId, waiting, approved, pinned } =
        await awaitingApproval(id);
      // The policy as stored before: no pin.
      const { pin: _pin, ...before } = waiting.policy;
      await knex('remediation_requests')
        .where({ id: requestId })
        .update({ policy: JSON.stringify(before) });
      await approved();
      expect(pinned.at(-1)).toEqual({ dryRun: false, pinned: undefined });
    },
  );
});
