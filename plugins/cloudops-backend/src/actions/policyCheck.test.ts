import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import request from 'supertest';
import { eventually } from '../__testUtils__/fakeHttpServer';
import {
  raiseIncident as raise,
  recordingExecutor,
  startActionsBackend,
} from './__testUtils__/actionsBackend';

jest.setTimeout(60_000);

const ANA = 'user:default/ana.silva';

const check = (server: any, body: object) =>
  request(server).post('/api/cloudops/remediations/policy').send(body);

describe('POST /remediations/policy', () => {
  it('says what policy would decide, for an executor’s plan or a stated one, and records nothing', async () => {
    const { executor, runs } = recordingExecutor(ref =>
      ref === 'ScaleUp'
        ? { targets: ['asg-web'], costImpact: 'increase' }
        : { targets: ['i-0abc'], costImpact: 'neutral' },
    );
    const server = await startActionsBackend({ executor, cloudops: {} });
    const checkout = await raise(server, 'component:default/checkout');
    const web = await raise(server, 'component:default/web');

    const planned = await check(server, {
      incidentId: checkout,
      executor: 'ssm',
      ref: 'RestartCheckoutPods',
    }).expect(200);
    expect(planned.body).toMatchObject({
      approvalsRequired: 1,
      environment: 'production',
      targets: ['i-0abc'],
      costImpact: 'neutral',
    });
    expect(planned.body.blockedBy).toBeUndefined();

    // Outside production, what raises cost is blocked (cost-safe mode).
    const up = await check(server, {
      incidentId: web,
      executor: 'ssm',
      ref: 'ScaleUp',
    }).expect(200);
    expect(up.body).toMatchObject({ blockedBy: 'cost-safe' });

    // A pull request the caller opens states its own plan; approval raised.
    const stated = await check(server, {
      incidentId: web,
      plan: { targets: ['deployment/web'], costImpact: 'neutral' },
      approval: { required: true, approvers: 2 },
    }).expect(200);
    expect(stated.body).toMatchObject({ approvalsRequired: 2 });
    expect(stated.body.reasons).toContain('the rule asks for 2 approver(s)');

    const missing = await check(server, {
      incidentId: web,
      executor: 'nope',
      ref: 'x',
    }).expect(200);
    expect(missing.body).toMatchObject({ blockedBy: 'executor' });

    expect(runs).toEqual([]);
    const requests = await request(server)
      .get('/api/cloudops/remediations')
      .expect(200);
    expect(requests.body.items).toEqual([]);
  });

  it('refuses ambiguous or unknown subjects with a clear error', async () => {
    const server = await startActionsBackend({ cloudops: {} });
    const id = await raise(server, 'component:default/web');
    const both = await check(server, {
      incidentId: id,
      opportunityId: id,
      plan: { targets: [], costImpact: 'neutral' },
    }).expect(400);
    expect(both.body.error.message).toMatch(
      /either an incidentId or an opportunityId/,
    );
    const neither = await check(server, { incidentId: id }).expect(400);
    expect(neither.body.error.message).toMatch(/either an executor/);
    const bad = await check(server, {
      incidentId: id,
      plan: { targets: [], costImpact: 'cheaper' },
    }).expect(400);
    expect(bad.body.error.message).toMatch(/plan\.costImpact/);
    await check(server, {
      opportunityId: '00000000-0000-4000-8000-000000000000',
      plan: { targets: [], costImpact: 'decrease' },
    }).expect(404);
    const noRef = await check(server, {
      incidentId: id,
      executor: 'ssm',
    }).expect(400);
    expect(noRef.body.error.message).toMatch(/ref of what the ssm executor/);
  });

  it('tells a caller who may only read that the executor could not plan, and logs why', async () => {
    const { executor } = recordingExecutor(() => {
      throw new Error(
        'AccessDenied: arn:aws:sts::111111111111:assumed-role/CloudOpsRemediation is not authorized',
      );
    });
    const server = await startActionsBackend({ executor, cloudops: {} });
    const id = await raise(server, 'component:default/web');
    const res = await check(server, {
      incidentId: id,
      executor: 'ssm',
      ref: 'RestartCheckoutPods',
    }).expect(503);
    expect(res.body.error.message).toBe(
      "The ssm executor could not plan RestartCheckoutPods; its error is in the backend's log",
    );
    expect(JSON.stringify(res.body)).not.toMatch(/111111111111|assumed-role/);
  });

  it('shows the caller the input the executor refuses (400), naming the parameter', async () => {
    const { executor } = recordingExecutor(() => {
      throw new InputError(
        'RestartCheckoutPods declares no parameter Force (it takes: InstanceId)',
      );
    });
    const server = await startActionsBackend({ executor, cloudops: {} });
    const id = await raise(server, 'component:default/web');
    const res = await check(server, {
      incidentId: id,
      executor: 'ssm',
      ref: 'RestartCheckoutPods',
      parameters: { Force: 'true' },
    }).expect(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message:
        'RestartCheckoutPods declares no parameter Force (it takes: InstanceId)',
    });
  });

  it('asks for the approvals production needs where the environment is unknown', async () => {
    const server = await startActionsBackend({ cloudops: {} });
    const plan = { targets: ['i-0abc'], costImpact: 'neutral' };
    // web has no cloudops.ai/environment; an incident without an entity has none either.
    const web = await raise(server, 'component:default/web', 'critical');
    const unowned = await request(server)
      .post('/api/cloudops/incidents')
      .send({ title: 'Disk full', severity: 'high' })
      .expect(201);
    const onWeb = await check(server, { incidentId: web, plan }).expect(200);
    expect(onWeb.body).toMatchObject({ approvalsRequired: 2 });
    expect(onWeb.body.environment).toBeUndefined();
    expect(onWeb.body.reasons).toEqual([
      'critical in an unknown environment (counted as production) needs 2 approver(s)',
    ]);
    const noEntity = await check(server, {
      incidentId: unowned.body.id,
      plan,
    }).expect(200);
    expect(noEntity.body).toMatchObject({ approvalsRequired: 1 });
  });

  it('in read-only mode blocks every change', async () => {
    const server = await startActionsBackend({ cloudops: { readOnly: true } });
    const id = await raise(server, 'component:default/web');
    const res = await check(server, {
      incidentId: id,
      plan: { targets: ['x'], costImpact: 'decrease' },
    }).expect(200);
    expect(res.body).toMatchObject({ blockedBy: 'read-only' });
  });
});

describe('POST /incidents/:id/remediations with approval', () => {
  it('raises the approvals a request needs, so nothing runs before a person approves', async () => {
    const { executor, runs } = recordingExecutor();
    const server = await startActionsBackend({
      executor,
      cloudops: { actions: { remediation: { approvals: [] } } },
    });
    // No approval rule applies: only the request's own approval asks for one.
    const incidentId = await raise(server, 'component:default/web');
    const res = await request(server)
      .post(`/api/cloudops/incidents/${incidentId}/remediations`)
      .set('Authorization', mockCredentials.user.header(ANA))
      .send({
        executor: 'ssm',
        ref: 'RestartCheckoutPods',
        dryRun: false,
        approval: { required: true },
      })
      .expect(201);
    const waiting = await eventually(async () => {
      const got = await request(server).get(
        `/api/cloudops/remediations/${res.body.id}`,
      );
      return got.body.state === 'awaiting-approval' && got.body;
    });
    expect(waiting.policy).toMatchObject({ approvalsRequired: 1 });
    expect(runs).toEqual([]);
  });
});
