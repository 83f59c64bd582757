import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The module is tested inside the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import scaffolderModuleCloudops from '@cloudops-ai/backstage-plugin-scaffolder-backend-module-cloudops';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { cloudopsModuleScaffolder } from './module';

jest.setTimeout(90_000);

const TEMPLATES = path.resolve(__dirname, '../../../examples/templates');
const ANA = 'user:default/ana.silva';
const TEMPLATE_REF = 'template:default/cloudops-silence-and-investigate';

/** The example template, as the catalog serves it. */
function exampleTemplate(file: string): Entity {
  const entity = parse(fs.readFileSync(path.join(TEMPLATES, file), 'utf8'));
  entity.metadata.namespace = 'default';
  return entity;
}

const WEB: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  // Staging: no approvals (an unknown environment counts as production).
  metadata: {
    name: 'web',
    namespace: 'default',
    annotations: { 'cloudops.ai/environment': 'staging' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-web' },
};

/** As examples/rules/kubernetes.yaml's CPU rule, firing on an alert. */
const CPU_RULE = {
  id: 'web-cpu',
  match: { kind: 'alert', name: 'WebCpuSaturated' },
  condition: { type: 'firing' },
  severity: 'high',
  actions: [
    {
      type: 'remediate',
      executor: 'scaffolder',
      ref: TEMPLATE_REF,
      parameters: { reason: 'CPU above 95% for 5 minutes', hours: 1 },
    },
  ],
};

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describe('scaffolder remediations through the cloudops backend', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        cloudopsPlugin,
        cloudopsModuleScaffolder,
        scaffolderPlugin,
        scaffolderModuleCloudops,
        catalogServiceMock.factory({
          entities: [WEB, exampleTemplate('silence-and-investigate.yaml')],
        }),
        mockServices.rootConfig.factory({
          data: {
            cloudops: {
              rules: { watch: false, inline: [CPU_RULE] },
              rca: { enabled: false },
              actions: {
                delivery: {
                  initialBackoff: { milliseconds: 50 },
                  pollInterval: { milliseconds: 50 },
                },
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(() => backend?.stop());

  const as = mockCredentials.user.header(ANA);
  const get = (url: string) =>
    request(backend.server)
      .get(`/api/cloudops${url}`)
      .set('Authorization', as)
      .expect(200)
      .then(res => res.body);

  it('runs the example template: dry run, then a task whose steps land on the timeline and acknowledge the incident', async () => {
    const incident = await request(backend.server)
      .post('/api/cloudops/incidents')
      .set('Authorization', as)
      .send({
        title: 'web CPU above 95%',
        severity: 'high',
        entityRef: 'component:default/web',
      })
      .expect(201);
    const id = incident.body.id as string;

    const requested = await request(backend.server)
      .post(`/api/cloudops/incidents/${id}/remediations`)
      .set('Authorization', as)
      .send({
        executor: 'scaffolder',
        ref: TEMPLATE_REF,
        parameters: { reason: 'CPU above 95% for 5 minutes', hours: 2 },
      })
      .expect(201);

    const done = await until(
      () => get(`/remediations/${requested.body.id}`),
      r => ['succeeded', 'failed', 'blocked'].includes(r.state),
    );
    expect(done).toEqual(
      expect.objectContaining({
        state: 'succeeded',
        policy: expect.objectContaining({
          targets: [TEMPLATE_REF, 'component:default/web'],
        }),
        dryRun: expect.objectContaining({ status: 'succeeded' }),
        outcome: expect.objectContaining({
          status: 'succeeded',
          outputs: expect.objectContaining({
            templateRef: TEMPLATE_REF,
            runsAs: 'plugin:cloudops',
            steps: { policy: 'completed', acknowledge: 'completed' },
          }),
        }),
      }),
    );

    const detail = await get(`/incidents/${id}`);
    expect(detail.state).toBe('acknowledged');
    const messages = (detail.timeline as Array<{ message: string }>).map(
      e => e.message,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        `scaffolder ${TEMPLATE_REF}: step Check the remediation policy: completed`,
        `scaffolder ${TEMPLATE_REF}: step Acknowledge (silences its alerts): completed`,
        'Moved to acknowledged by plugin:cloudops: CloudOps (an approved remediation) is investigating for 2h: CPU above 95% for 5 minutes',
      ]),
    );
  });

  it("runs a rule's scaffolder remediation with the rule's parameters and the incident's id", async () => {
    const signals = await request(backend.server)
      .post('/api/cloudops/signals')
      .set('Authorization', as)
      .send({
        signals: [
          {
            source: 'test',
            kind: 'alert',
            name: 'WebCpuSaturated',
            status: 'firing',
            timestamp: new Date().toISOString(),
            entityRef: 'component:default/web',
          },
        ],
      })
      .expect(202);
    const [id] = signals.body.incidentIds as string[];
    const detail = await until(
      () => get(`/incidents/${id}`),
      incident => incident.state === 'acknowledged',
    );
    expect(detail.ruleId).toBe('web-cpu');
    const [remediation] = (await get(`/remediations?incidentId=${id}`)).items;
    expect(remediation).toMatchObject({
      ruleId: 'web-cpu',
      requestedBy: 'cloudops',
      executor: 'scaffolder',
      parameters: { reason: 'CPU above 95% for 5 minutes', hours: 1 },
    });
    expect(
      (detail.timeline as Array<{ message: string }>).map(e => e.message),
    ).toContain(
      'Moved to acknowledged by plugin:cloudops: CloudOps (an approved remediation) is investigating for 1h: CPU above 95% for 5 minutes',
    );
  });
});
