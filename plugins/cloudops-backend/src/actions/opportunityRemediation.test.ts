import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import {
  CloudopsRemediationExecutor,
  DeliveryError,
  RemediationPlan,
  RemediationRun,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { eventually } from '../__testUtils__/fakeHttpServer';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import {
  ORPHAN_ACCOUNT,
  ORPHAN_VOLUME,
  recordOrphanVolume,
} from '../savings/__testUtils__/orphanVolume';
import { startActionsBackend } from './__testUtils__/actionsBackend';
import { ledgerOf, settled } from './__testUtils__/remediationApi';

jest.setTimeout(60_000);

const ANA = 'user:default/ana.silva';
const BEN = 'user:default/ben.okafor';
const as = (user: string) => mockCredentials.user.header(user);

/** Stands in for SSM: plans from the run's scope, records every run. */
function volumeExecutor(
  options: { costImpact?: RemediationPlan['costImpact']; fail?: boolean } = {},
) {
  const runs: RemediationRun[] = [];
  const executor: CloudopsRemediationExecutor = {
    id: 'ssm',
    supportsDryRun: true,
    plan: async run => ({
      targets: [run.scope.resource ?? '(none)'],
      costImpact: options.costImpact ?? 'unknown',
    }),
    async execute(run) {
      runs.push(run);
      await run.progress(
        `checked ${run.parameters.VolumeId} in ${run.scope.account}`,
      );
      if (options.fail && !run.dryRun) {
        return {
          status: 'failed',
          summary: 'the volume is attached again',
          outputs: {},
        };
      }
      return {
        status: 'succeeded',
        summary: run.dryRun ? 'the volume is unattached' : 'snapshot-1 taken',
        outputs: { snapshotId: 'snapshot-1' },
        executionId: `exec-${runs.length}`,
      };
    },
  };
  return { executor, runs };
}

const databases = cloudopsTestDatabases();

/** No approval rule applies (payments has no environment, which counts as production). */
const NO_APPROVALS = { actions: { remediation: { approvals: [] } } };

async function start(
  id: TestDatabaseId,
  executor: CloudopsRemediationExecutor,
  cloudops: Record<string, unknown> = {},
) {
  const { knex, database } = await databases.create(id);
  const opportunity = await recordOrphanVolume(database);
  const server = await startActionsBackend({ executor, knex, cloudops });
  return { server, opportunity };
}

function ask(server: any, opportunityId: string, body: object = {}) {
  return request(server)
    .post(`/api/cloudops/opportunities/${opportunityId}/remediations`)
    .set('Authorization', as(ANA))
    .send({
      executor: 'ssm',
      ref: 'CloudOps-SnapshotAndDeleteVolume',
      parameters: { VolumeId: ORPHAN_VOLUME },
      approval: { required: true },
      ...body,
    });
}

describe.each(databases.ids)(
  'remediations of a savings opportunity on %p',
  id => {
    it('asks policy, waits for another approver, runs in the opportunity’s account and region, and moves the ledger to merged', async () => {
      const { executor, runs } = volumeExecutor();
      const { server, opportunity } = await start(id, executor);

      const res = await ask(server, opportunity.id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        opportunityId: opportunity.id,
        state: 'requested',
        requestedBy: ANA,
        severity: 'info',
      });
      expect(res.body.incidentId).toBeUndefined();
      const pending = await settled(server, res.body.id, ['awaiting-approval']);
      // Unknown cost impact, but applying a savings opportunity lowers cost:
      // cost-safe mode lets it through outside production.
      expect(pending.policy).toMatchObject({
        approvalsRequired: 1,
        costImpact: 'decrease',
        targets: [opportunity.resource.id],
      });
      expect(pending.dryRun).toMatchObject({ status: 'succeeded' });
      expect((await ledgerOf(server, opportunity.id)).state).toBe('pr_opened');

      // The requester cannot approve alone.
      const self = await request(server)
        .post(`/api/cloudops/remediations/${pending.id}/decision`)
        .set('Authorization', as(ANA))
        .send({ decision: 'approve' });
      expect(self.status).toBe(403);
      const approved = await request(server)
        .post(`/api/cloudops/remediations/${pending.id}/decision`)
        .set('Authorization', as(BEN))
        .send({ decision: 'approve', comment: 'snapshot first, fine' });
      expect(approved.status).toBe(200);

      const done = await settled(server, pending.id, ['succeeded', 'failed']);
      expect(done.outcome).toMatchObject({
        status: 'succeeded',
        summary: 'snapshot-1 taken',
      });
      // Both runs (dry run, then execution) acted on the opportunity's scope.
      expect(runs.map(r => r.dryRun)).toEqual([true, false]);
      for (const run of runs) {
        expect(run.scope).toEqual({
          entityRef: 'component:default/payments',
          account: ORPHAN_ACCOUNT,
          region: 'us-east-1',
          resource: opportunity.resource.id,
        });
        expect(run.opportunity?.id).toBe(opportunity.id);
        expect(run.incident).toBeUndefined();
      }

      const ledger = await ledgerOf(server, opportunity.id);
      expect(ledger.state).toBe('merged');
      expect(ledger.moves).toEqual([
        '>detected',
        'detected>pr_opened',
        'pr_opened>approved',
        'approved>merged',
      ]);
      expect(ledger.entries[2]).toMatchObject({ actor: BEN });
      expect(ledger.entries[3]).toMatchObject({
        actor: 'cloudops',
        note: expect.stringContaining('snapshot-1 taken'),
        data: { remediationId: pending.id, status: 'succeeded' },
      });

      // The opportunity lists its requests; the executor's progress is audited.
      const list = await request(server).get(
        `/api/cloudops/opportunities/${opportunity.id}/remediations`,
      );
      expect(list.body.items.map((r: any) => r.id)).toEqual([pending.id]);
      const audit = await request(server)
        .get('/api/cloudops/audit')
        .query({ target: pending.id });
      expect(audit.body.items.map((e: any) => e.action)).toEqual(
        expect.arrayContaining([
          'remediation-policy',
          'remediation-decision',
          'remediation-execute',
          'remediation-progress',
          'remediation-outcome',
        ]),
      );
      expect(
        audit.body.items.find(
          (e: any) =>
            e.action === 'remediation-progress' &&
            !e.meta.message.includes('dry'),
        ),
      ).toMatchObject({
        meta: {
          opportunityId: opportunity.id,
          message: `ssm CloudOps-SnapshotAndDeleteVolume: checked ${ORPHAN_VOLUME} in ${ORPHAN_ACCOUNT}`,
        },
      });
    });

    it('a failed run moves the opportunity back to detected, saying why', async () => {
      const { executor } = volumeExecutor({ fail: true });
      const { server, opportunity } = await start(id, executor, NO_APPROVALS);
      const res = await ask(server, opportunity.id, { approval: undefined });
      // No approval rule applies: it runs at once.
      const done = await settled(server, res.body.id, ['succeeded', 'failed']);
      expect(done).toMatchObject({
        state: 'failed',
        policy: { approvalsRequired: 0 },
        outcome: { summary: 'the volume is attached again' },
      });
      const ledger = await ledgerOf(server, opportunity.id);
      expect(ledger.moves).toEqual([
        '>detected',
        'detected>pr_opened',
        'pr_opened>approved',
        'approved>detected',
      ]);
      expect(ledger.entries[3].note).toContain(
        'failed: the volume is attached',
      );
      // Open again: it can be tried again.
      expect((await ask(server, opportunity.id)).status).toBe(201);
    });

    it('a step that gives up (dead letter) fails the request and reopens the opportunity; its delivery can be retried', async () => {
      const executor: CloudopsRemediationExecutor = {
        ...volumeExecutor().executor,
        supportsDryRun: false,
        async execute() {
          throw new DeliveryError('SSM refused the document', {
            retryable: false,
          });
        },
      };
      const { server, opportunity } = await start(id, executor, NO_APPROVALS);
      const res = await ask(server, opportunity.id, { approval: undefined });
      const done = await settled(server, res.body.id, ['failed']);
      expect(done.outcome.summary).toBe(
        'The execute step gave up after 1 attempt(s): SSM refused the document',
      );
      expect((await ledgerOf(server, opportunity.id)).moves).toEqual([
        '>detected',
        'detected>pr_opened',
        'pr_opened>approved',
        'approved>detected',
      ]);
      const dead = await request(server)
        .get('/api/cloudops/actions/deliveries')
        .query({ status: 'dead' });
      expect(dead.body.items).toEqual([
        expect.objectContaining({ kind: 'remediate', channel: 'ssm' }),
      ]);
      expect(dead.body.items[0].incidentId).toBeUndefined();
      const retried = await request(server)
        .post(`/api/cloudops/actions/deliveries/${dead.body.items[0].id}/retry`)
        .set('Authorization', as(ANA));
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ status: 'pending' });
    });

    it('cost-safe mode refuses a run that raises cost outside production; the ledger does not move', async () => {
      const { executor, runs } = volumeExecutor({ costImpact: 'increase' });
      const { server, opportunity } = await start(id, executor);
      const res = await ask(server, opportunity.id);
      const blocked = await settled(server, res.body.id, ['blocked']);
      expect(blocked.policy).toMatchObject({ blockedBy: 'cost-safe' });
      // Its dry run still ran; nothing else did.
      await eventually(async () => runs.length === 1);
      await new Promise(r => setTimeout(r, 300));
      expect(runs.map(r => r.dryRun)).toEqual([true]);
      const ledger = await ledgerOf(server, opportunity.id);
      expect(ledger.moves).toEqual(['>detected']);
    });
  },
);

describe('remediations of a savings opportunity: refusals', () => {
  const sqlite: TestDatabaseId = 'SQLITE_3';

  it('read-only mode blocks it before anything runs', async () => {
    const { executor, runs } = volumeExecutor();
    const { server, opportunity } = await start(sqlite, executor, {
      readOnly: true,
    });
    const res = await ask(server, opportunity.id, { dryRun: false });
    const blocked = await settled(server, res.body.id, ['blocked']);
    expect(blocked.policy).toMatchObject({ blockedBy: 'read-only' });
    expect(runs).toEqual([]);
    expect((await ledgerOf(server, opportunity.id)).moves).toEqual([
      '>detected',
    ]);
  });

  it('says what is wrong with the opportunity or the request', async () => {
    const { executor } = volumeExecutor();
    const { server, opportunity } = await start(sqlite, executor, NO_APPROVALS);
    const unknown = '7a0c2f3e-1b2d-4e5f-8a9b-0c1d2e3f4a5b';
    const missing = await ask(server, unknown);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain(
      `No savings opportunity with id ${unknown}`,
    );
    expect(
      (
        await request(server).get(
          `/api/cloudops/opportunities/${unknown}/remediations`,
        )
      ).status,
    ).toBe(404);
    const bad = await ask(server, opportunity.id, { executor: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('executor');

    // A person rejects a pending request: the opportunity is open again.
    const res = await ask(server, opportunity.id);
    const pending = await settled(server, res.body.id, ['awaiting-approval']);
    await request(server)
      .post(`/api/cloudops/remediations/${pending.id}/decision`)
      .set('Authorization', as(BEN))
      .send({ decision: 'reject' })
      .expect(200);
    expect((await ledgerOf(server, opportunity.id)).moves).toEqual([
      '>detected',
      'detected>pr_opened',
      'pr_opened>detected',
    ]);

    // A closed opportunity takes no remediation.
    await request(server)
      .post(`/api/cloudops/opportunities/${opportunity.id}/transition`)
      .set('Authorization', as(ANA))
      .send({ to: 'rejected', note: 'kept on purpose' })
      .expect(200);
    const closed = await ask(server, opportunity.id);
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toContain('is rejected');

    // The policy preview plans with the executor in the opportunity's scope.
    const check = await request(server)
      .post('/api/cloudops/remediations/policy')
      .send({
        opportunityId: opportunity.id,
        executor: 'ssm',
        ref: 'CloudOps-SnapshotAndDeleteVolume',
        parameters: { VolumeId: ORPHAN_VOLUME },
      });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({
      targets: [opportunity.resource.id],
      costImpact: 'decrease',
      approvalsRequired: 0,
    });
  });
});
