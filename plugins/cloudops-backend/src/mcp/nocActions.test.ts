import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { cloudopsWasteDetectorsExtensionPoint } from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { eventually } from '../__testUtils__/fakeHttpServer';
import {
  raiseIncident,
  recordingExecutor,
  startActionsBackend,
} from '../actions/__testUtils__/actionsBackend';
import { idleFinding } from '../savings/__testUtils__/findings';

jest.setTimeout(60_000);

const ANA = 'user:default/ana.silva';
const BOT = 'user:default/noc-bot';

/** A waste detector with one healthy and one failing shard. */
function wasteModule(onScheduler: (scheduler: SchedulerService) => void) {
  return createBackendModule({
    pluginId: 'cloudops',
    moduleId: 'test-waste',
    register(env) {
      env.registerInit({
        deps: {
          waste: cloudopsWasteDetectorsExtensionPoint,
          scheduler: coreServices.scheduler,
        },
        async init({ waste, scheduler }) {
          onScheduler(scheduler);
          waste.addDetector({
            id: 'fake-ec2',
            shards: async () => ['111111111111', '222222222222'],
            async detect({ shard }) {
              if (shard === '222222222222') {
                throw new Error('AccessDenied: sts:AssumeRole');
              }
              return [
                idleFinding('i-spare', 140, {
                  entityRef: 'component:default/checkout',
                }),
                idleFinding('i-old', 70, { currency: 'EUR' }),
              ];
            },
          });
        },
      });
    },
  });
}

async function start(
  deny?: (user: string | undefined, permission: string) => boolean,
) {
  let scheduler: SchedulerService | undefined;
  const { executor, runs } = recordingExecutor();
  const server = await startActionsBackend({
    cloudops: { rca: { debounce: { milliseconds: 50 } } },
    executor: { ...executor, id: 'aws-ssm-automation' },
    deny,
    features: [wasteModule(s => (scheduler = s))],
  });
  const scan = async () => {
    for (const task of ['shards', '111111111111', '222222222222']) {
      await scheduler!.triggerTask(`cloudops:fake-ec2:${task}`);
    }
  };
  return { server, runs, scan };
}

/** Invokes an action the way the MCP actions backend does: through the registry. */
const invoke = (server: any, name: string, input: object, user = ANA) =>
  request(server)
    .post(`/api/cloudops/.backstage/actions/v2/actions/cloudops:${name}/invoke`)
    .set('Authorization', mockCredentials.user.header(user))
    .send({ input });

describe('NOC actions in the actions registry', () => {
  it('lists the six actions with schemas whose examples validate', async () => {
    const { server } = await start();
    const res = await request(server)
      .get('/api/cloudops/.backstage/actions/v1/actions')
      .set('Authorization', mockCredentials.user.header(ANA))
      .expect(200);
    const byName = new Map<string, any>(
      res.body.actions.map((a: any) => [a.name, a]),
    );
    expect([...byName.keys()].sort()).toEqual([
      'acknowledge-incident',
      'get-detector-health',
      'get-incident',
      'list-entity-incidents',
      'list-open-opportunities',
      'request-remediation-approval',
    ]);
    expect(byName.get('get-incident').attributes).toMatchObject({
      readOnly: true,
    });
    expect(byName.get('acknowledge-incident').attributes).toMatchObject({
      readOnly: false,
    });
    expect(byName.get('list-entity-incidents').schema.input).toMatchObject({
      required: ['entityRef'],
    });
    for (const action of byName.values()) {
      expect(action.examples.length).toBeGreaterThan(0);
    }
  });

  it('reads incidents of an entity, one incident with its RCA, open opportunities and detector health', async () => {
    const { server, scan } = await start();
    const checkout = await raiseIncident(server, 'component:default/checkout');
    await raiseIncident(server, 'component:default/web');

    const list = await invoke(server, 'list-entity-incidents', {
      entityRef: 'component:default/checkout',
    }).expect(200);
    expect(list.body.output.totalCount).toBe(1);
    expect(list.body.output.items[0]).toMatchObject({
      id: checkout,
      state: 'open',
      entityRef: 'component:default/checkout',
    });
    const none = await invoke(server, 'list-entity-incidents', {
      entityRef: 'component:default/checkout',
      states: ['resolved'],
    }).expect(200);
    expect(none.body.output).toEqual({ totalCount: 0, items: [] });

    // The RCA runs after the incident is committed.
    const detail = await eventually(async () => {
      const got = await invoke(server, 'get-incident', {
        incidentId: checkout,
      }).expect(200);
      return got.body.output.rca && got.body.output;
    });
    expect(detail.incident).toMatchObject({
      id: checkout,
      title: 'Checkout errors',
    });
    expect(detail.incident.timeline.length).toBeGreaterThan(0);
    expect(detail.rca).toMatchObject({ incidentId: checkout });

    await scan();
    const opportunities = await invoke(
      server,
      'list-open-opportunities',
      {},
    ).expect(200);
    // One total per currency: 140 USD and 70 EUR are not 210 of anything.
    expect(opportunities.body.output).toMatchObject({
      totalCount: 2,
      totals: [
        { currency: 'EUR', monthlySavings: 70 },
        { currency: 'USD', monthlySavings: 140 },
      ],
    });
    expect(opportunities.body.output.items[0]).toMatchObject({
      state: 'detected',
      monthlySavings: 140,
    });

    const health = await invoke(server, 'get-detector-health', {
      detector: 'fake-ec2',
    }).expect(200);
    const byShard = Object.fromEntries(
      health.body.output.items.map((h: any) => [h.shard, h]),
    );
    expect(byShard['111111111111'].consecutiveFailures).toBe(0);
    expect(byShard['222222222222']).toMatchObject({ consecutiveFailures: 1 });
    expect(JSON.stringify(byShard['222222222222'].lastRun)).toMatch(
      /AccessDenied/,
    );
  });

  it('takes entity refs as the REST API does: in any case, the namespace defaulting to default', async () => {
    const { server, scan } = await start();
    const checkout = await raiseIncident(server, 'component:default/checkout');
    for (const entityRef of [
      'component:checkout',
      'Component:default/Checkout',
    ]) {
      const list = await invoke(server, 'list-entity-incidents', {
        entityRef,
      }).expect(200);
      expect(list.body.output.items.map((i: any) => i.id)).toEqual([checkout]);
    }
    await scan();
    for (const input of [
      { entityRef: 'Component:Checkout' },
      { team: 'Group:Team-Checkout' },
    ]) {
      const list = await invoke(
        server,
        'list-open-opportunities',
        input,
      ).expect(200);
      expect(list.body.output.items).toEqual([
        expect.objectContaining({ entityRef: 'component:default/checkout' }),
      ]);
    }
    const bad = await invoke(server, 'list-entity-incidents', {
      entityRef: 'checkout',
    }).expect(400);
    expect(bad.body.error.message).toMatch(/Invalid input/);
  });

  it('acknowledges an incident as the invoking user, audited', async () => {
    const { server } = await start();
    const id = await raiseIncident(server, 'component:default/checkout');
    const res = await invoke(server, 'acknowledge-incident', {
      incidentId: id,
      note: 'On it',
    }).expect(200);
    expect(res.body.output).toMatchObject({ id, state: 'acknowledged' });
    expect(typeof res.body.output.acknowledgedAt).toBe('string');

    const incident = await request(server)
      .get(`/api/cloudops/incidents/${id}`)
      .expect(200);
    expect(JSON.stringify(incident.body.timeline)).toMatch(/On it/);
    const audit = await request(server)
      .get('/api/cloudops/audit')
      .query({ target: id })
      .expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ actor: ANA, outcome: 'succeeded' }),
    );
  });

  it('leaves an incident past open as it is: no second change, never back from mitigated', async () => {
    const { server } = await start();
    const id = await raiseIncident(server, 'component:default/checkout');
    const first = await invoke(server, 'acknowledge-incident', {
      incidentId: id,
    }).expect(200);

    const again = await invoke(server, 'acknowledge-incident', {
      incidentId: id,
      note: 'Me too',
    }).expect(200);
    expect(again.body.output).toEqual(first.body.output);

    await request(server)
      .post(`/api/cloudops/incidents/${id}/transition`)
      .send({ to: 'mitigated' })
      .expect(200);
    const mitigated = await invoke(server, 'acknowledge-incident', {
      incidentId: id,
    }).expect(200);
    expect(mitigated.body.output.state).toBe('mitigated');

    const incident = await request(server)
      .get(`/api/cloudops/incidents/${id}`)
      .expect(200);
    expect(incident.body.state).toBe('mitigated');
    expect(JSON.stringify(incident.body.timeline)).not.toMatch(/Me too/);
    // Of the actions' caller, only the first acknowledgement is audited.
    const audit = await request(server)
      .get('/api/cloudops/audit')
      .query({ target: id })
      .expect(200);
    expect(audit.body.items.filter((item: any) => item.actor === ANA)).toEqual([
      expect.objectContaining({ action: 'incident-transition' }),
    ]);
  });

  it('requests a remediation that waits for a person, and never runs it', async () => {
    const { server, runs } = await start();
    // web has no environment: on its own, policy would not ask for approval.
    const id = await raiseIncident(server, 'component:default/web');
    const res = await invoke(server, 'request-remediation-approval', {
      incidentId: id,
      executor: 'aws-ssm-automation',
      ref: 'CloudOps-RestartEC2Instance',
      parameters: { InstanceId: ['i-0abc'] },
    }).expect(200);
    expect(res.body.output).toMatchObject({ state: 'requested' });
    const waiting = await eventually(async () => {
      const got = await request(server).get(
        `/api/cloudops/remediations/${res.body.output.remediationId}`,
      );
      return got.body.state === 'awaiting-approval' && got.body;
    });
    expect(waiting).toMatchObject({
      requestedBy: ANA,
      executor: 'aws-ssm-automation',
      policy: { approvalsRequired: 1 },
    });
    // Only the executor's dry run, never the change itself.
    expect(runs.every(run => run.dryRun)).toBe(true);
    const audit = await request(server)
      .get('/api/cloudops/audit')
      .query({ target: id })
      .expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ action: 'remediation-request', actor: ANA }),
    );
  });

  it('checks the permission of each action for the invoking user, and validates input', async () => {
    const { server, runs } = await start(
      (user, permission) =>
        user === BOT &&
        [
          'cloudops.incident.update',
          'cloudops.remediation.execute',
          'cloudops.opportunity.read',
        ].includes(permission),
    );
    const id = await raiseIncident(server, 'component:default/checkout');
    await invoke(
      server,
      'acknowledge-incident',
      { incidentId: id },
      BOT,
    ).expect(403);
    await invoke(
      server,
      'request-remediation-approval',
      {
        incidentId: id,
        executor: 'aws-ssm-automation',
        ref: 'CloudOps-RestartEC2Instance',
      },
      BOT,
    ).expect(403);
    await invoke(server, 'list-open-opportunities', {}, BOT).expect(403);
    // Reading incidents is still allowed.
    await invoke(server, 'get-incident', { incidentId: id }, BOT).expect(200);

    const bad = await invoke(server, 'get-incident', {
      incidentId: 'nope',
    }).expect(400);
    expect(bad.body.error.message).toMatch(/Invalid input/);
    await invoke(server, 'get-incident', {
      incidentId: '00000000-0000-4000-8000-000000000000',
    }).expect(404);
    // Nothing unauthenticated.
    await request(server)
      .post(
        '/api/cloudops/.backstage/actions/v2/actions/cloudops:get-incident/invoke',
      )
      .set('Authorization', mockCredentials.none.header())
      .send({ input: { incidentId: id } })
      .expect(401);
    expect(runs).toEqual([]);
    const incident = await request(server).get(`/api/cloudops/incidents/${id}`);
    expect(incident.body.state).toBe('open');
  });
});
