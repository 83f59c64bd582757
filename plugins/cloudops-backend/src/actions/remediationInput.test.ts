import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { RemediationRun } from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { eventually } from '../__testUtils__/fakeHttpServer';
import {
  raiseIncident as raise,
  recordingExecutor,
  startActionsBackend,
} from './__testUtils__/actionsBackend';

jest.setTimeout(60_000);

const ANA = 'user:default/ana.silva';

/**
 * A recording executor whose plan refuses parameters its document does not
 * declare (as the SSM executor does), and fails with the cloud's answer
 * for the ref `Unreachable`.
 */
function checkingExecutor() {
  const recording = recordingExecutor();
  const plans: string[] = [];
  const { plan } = recording.executor;
  recording.executor.plan = async run => {
    plans.push(run.ref);
    const unknown = Object.keys(run.parameters).filter(
      name => name !== 'InstanceId',
    );
    if (unknown.length) {
      throw new InputError(
        `${run.ref} declares no parameter ${unknown.join(
          ', ',
        )} (it takes: InstanceId)`,
      );
    }
    if (run.ref === 'Unreachable') {
      throw new Error(
        'AccessDenied: arn:aws:sts::111111111111:assumed-role/CloudOpsRemediation is not authorized',
      );
    }
    return plan(run);
  };
  return { ...recording, plans };
}

function ask(
  server: any,
  incidentId: string,
  body: { ref: string; parameters?: RemediationRun['parameters'] },
) {
  return request(server)
    .post(`/api/cloudops/incidents/${incidentId}/remediations`)
    .set('Authorization', mockCredentials.user.header(ANA))
    .send({ executor: 'ssm', dryRun: false, ...body });
}

function get(server: any, id: string) {
  return request(server).get(`/api/cloudops/remediations/${id}`);
}

describe('the input of a remediation request', () => {
  it('is checked by the executor’s plan before the request is stored: what it refuses is a 400 naming the parameter, and nothing is stored', async () => {
    const { executor, runs, plans } = checkingExecutor();
    // No approval rule: what is stored runs at once.
    const server = await startActionsBackend({
      executor,
      cloudops: { actions: { remediation: { approvals: [] } } },
    });
    const incidentId = await raise(server, 'component:default/web');
    const res = await ask(server, incidentId, {
      ref: 'RestartCheckoutPods',
      parameters: { InstanceId: 'i-0abc', Force: 'true' },
    }).expect(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message:
        'RestartCheckoutPods declares no parameter Force (it takes: InstanceId)',
    });
    expect(plans).toEqual(['RestartCheckoutPods']);
    const listed = await request(server)
      .get('/api/cloudops/remediations')
      .query({ incidentId })
      .expect(200);
    expect(listed.body.items).toEqual([]);
    // The refusal is audited as a failed request; the timeline has no request.
    const audit = await request(server)
      .get('/api/cloudops/audit')
      .query({ target: incidentId });
    expect(
      audit.body.items.filter((a: any) => a.action === 'remediation-request'),
    ).toEqual([
      expect.objectContaining({
        actor: ANA,
        outcome: 'failed',
        meta: expect.objectContaining({
          error: expect.stringContaining('declares no parameter Force'),
        }),
      }),
    ]);
    const incident = await request(server)
      .get(`/api/cloudops/incidents/${incidentId}`)
      .expect(200);
    expect(JSON.stringify(incident.body.timeline)).not.toContain(
      'RestartCheckoutPods',
    );
    expect(runs).toEqual([]);

    // Input it takes is stored and runs.
    const ok = await ask(server, incidentId, {
      ref: 'RestartCheckoutPods',
      parameters: { InstanceId: 'i-0abc' },
    }).expect(201);
    await eventually(async () => {
      const got = await get(server, ok.body.id);
      return got.body.state === 'succeeded';
    });
  });

  it('is still taken when the plan fails for another reason, without the cloud’s answer; its plan step meets the failure', async () => {
    const { executor, runs } = checkingExecutor();
    const server = await startActionsBackend({ executor, cloudops: {} });
    const incidentId = await raise(server, 'component:default/web');
    const res = await ask(server, incidentId, { ref: 'Unreachable' }).expect(
      201,
    );
    expect(JSON.stringify(res.body)).not.toMatch(/111111111111|assumed-role/);
    const failed = await eventually(async () => {
      const got = await get(server, res.body.id);
      return got.body.state === 'failed' && got.body;
    });
    expect(failed.outcome.summary).toMatch(
      /^The plan step gave up after 3 attempt\(s\): AccessDenied/,
    );
    expect(runs).toEqual([]);
  });

  it('of a rule’s request, refused by the plan step, fails it at once instead of retrying', async () => {
    const { executor, runs, plans } = checkingExecutor();
    const server = await startActionsBackend({
      executor,
      cloudops: {
        rules: {
          inline: [
            {
              id: 'web-restart',
              match: { kind: 'alert', name: 'WebDown' },
              condition: { type: 'firing' },
              severity: 'high',
              actions: [
                {
                  type: 'remediate',
                  executor: 'ssm',
                  ref: 'RestartWeb',
                  parameters: { Namespace: 'shop' },
                },
              ],
            },
          ],
        },
      },
    });
    const signals = await request(server)
      .post('/api/cloudops/signals')
      .send({
        signals: [
          {
            source: 'test',
            kind: 'alert',
            name: 'WebDown',
            status: 'firing',
            timestamp: new Date().toISOString(),
            entityRef: 'component:default/web',
          },
        ],
      });
    const [incidentId] = signals.body.incidentIds;
    const [failed] = await eventually(async () => {
      const list = await request(server)
        .get('/api/cloudops/remediations')
        .query({ incidentId, state: 'failed' });
      return list.body.items.length === 1 && list.body.items;
    });
    expect(failed.outcome.summary).toBe(
      'The plan step gave up after 1 attempt(s): RestartWeb declares no parameter Namespace (it takes: InstanceId)',
    );
    expect(plans).toEqual(['RestartWeb']);
    expect(runs).toEqual([]);
  });
});
