import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  ANA,
  ORPHAN_ACCOUNT,
  ORPHAN_VOLUME,
  startCloudopsBackend,
} from '../__testUtils__/cloudopsBackend';
import { scaffolderModuleCloudops } from '../module';

jest.setTimeout(120_000);

const TEMPLATES = path.resolve(__dirname, '../../../../examples/templates');
const template = (file: string) =>
  parse(fs.readFileSync(path.join(TEMPLATES, file), 'utf8'));

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout # team-checkout
spec:
  template:
    spec:
      containers:
        - name: app
          image: ghcr.io/shop/checkout:1.4.2
          resources:
            requests:
              cpu: "2" # sized for launch day
              memory: 4Gi
`;

/** Serves the service repository's manifest, as a git host would. */
const gitHost = http.createServer((req, res) => {
  if (req.url === '/shop/checkout/raw/main/deploy/checkout.yaml') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(MANIFEST);
  } else {
    res.writeHead(404).end();
  }
});
beforeAll(() => new Promise<void>(resolve => gitHost.listen(0, resolve)));
afterAll(() => new Promise(resolve => gitHost.close(resolve)));

/** `publish:github:pull-request` stand-in: records what it would publish. */
function mockPublish(
  published: Array<{ input: any; files: Record<string, string> }>,
) {
  return createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'mock-github-publish',
    register(env) {
      env.registerInit({
        deps: { scaffolder: scaffolderActionsExtensionPoint },
        async init({ scaffolder }) {
          scaffolder.addActions(
            createTemplateAction({
              id: 'publish:github:pull-request',
              supportsDryRun: true,
              async handler(ctx) {
                const file = path.join(
                  ctx.workspacePath,
                  'deploy/checkout.yaml',
                );
                published.push({
                  input: ctx.input,
                  files: fs.existsSync(file)
                    ? { 'deploy/checkout.yaml': fs.readFileSync(file, 'utf8') }
                    : {},
                });
                ctx.output(
                  'remoteUrl',
                  `https://github.com/shop/checkout/pull/${published.length}`,
                );
              },
            }),
          );
        },
      });
    },
  });
}

async function start(cloudops: Record<string, unknown> = {}) {
  const host = `localhost:${(gitHost.address() as AddressInfo).port}`;
  const published: Array<{ input: any; files: Record<string, string> }> = [];
  const backend = await startCloudopsBackend({
    cloudops,
    orphanVolume: true,
    features: [
      scaffolderPlugin,
      scaffolderModuleCloudops,
      mockPublish(published),
    ],
    config: { backend: { reading: { allow: [{ host }] } } },
    // The templates as the catalog serves them, for real runs.
    entities: fs
      .readdirSync(TEMPLATES)
      .filter(f => f !== 'templates.yaml')
      .map(f => {
        const entity = template(f);
        entity.metadata.namespace = 'default';
        return entity;
      }),
  });
  const fileUrl = `http://${host}/shop/checkout/raw/main/deploy/checkout.yaml`;
  const dryRun = (file: string, values: object) =>
    request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(ANA))
      .send({ template: template(file), values, directoryContents: [] });
  return { ...backend, published, fileUrl, dryRun };
}

describe('remediation templates', () => {
  it('are all registered in the example catalog location', () => {
    const location = parse(
      fs.readFileSync(path.join(TEMPLATES, 'templates.yaml'), 'utf8'),
    );
    const files = fs
      .readdirSync(TEMPLATES)
      .filter(f => f !== 'templates.yaml' && f.endsWith('.yaml'));
    expect(location.spec.targets.map((t: string) => t.slice(2)).sort()).toEqual(
      files.sort(),
    );
    expect(files).toHaveLength(6);
  });

  it('right-size: dry run up to the mocked pull request, body from evidence and risk, file patched with comments kept', async () => {
    const backend = await start();
    const opportunity = await backend.detect();
    const res = await backend.dryRun('k8s-rightsize-requests.yaml', {
      opportunityId: opportunity.id,
      repoUrl: 'github.com?owner=shop&repo=checkout',
      fileUrl: backend.fileUrl,
      filePath: 'deploy/checkout.yaml',
      format: 'manifest',
    });
    expect(res.body.error).toBeUndefined();
    const [pr] = backend.published;
    expect(pr.input).toMatchObject({
      repoUrl: 'github.com?owner=shop&repo=checkout',
      branchName: `cloudops/rightsize-${opportunity.id}`,
    });
    expect(pr.input.description).toContain('### Evidence');
    expect(pr.input.description).toMatch(/### Risk: \w+/);
    const patched = pr.files['deploy/checkout.yaml'];
    expect(patched).toContain('name: checkout # team-checkout');
    expect(patched).toMatch(/cpu: "\d+m" # sized for launch day/);
    expect(patched).toMatch(/limits:\n\s+memory: \d+Mi/);
    expect(res.body.output.links[0].url).toBe(
      'https://github.com/shop/checkout/pull/1',
    );
    // A dry run leaves the ledger alone.
    expect((await backend.get(`/opportunities/${opportunity.id}`)).state).toBe(
      'detected',
    );
  });

  it('right-size: a real run records the pull request in the ledger and on the incident', async () => {
    const backend = await start();
    const opportunity = await backend.detect();
    const incidentId = await backend.raise('checkout');
    const task = await request(backend.server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header(ANA))
      .send({
        templateRef: 'template:default/cloudops-k8s-rightsize-requests',
        values: {
          opportunityId: opportunity.id,
          incidentId,
          repoUrl: 'github.com?owner=shop&repo=checkout',
          fileUrl: backend.fileUrl,
          filePath: 'deploy/checkout.yaml',
        },
      });
    expect(task.status).toBe(201);
    const done = await finished(backend.server, task.body.id);
    expect(done.status).toBe('completed');
    const detail = await backend.get(`/opportunities/${opportunity.id}`);
    expect(detail).toMatchObject({
      state: 'pr_opened',
      pullRequestUrl: 'https://github.com/shop/checkout/pull/1',
    });
    expect(detail.ledger.map((e: any) => e.actor)).toContain(ANA);
    const incident = await backend.get(`/incidents/${incidentId}`);
    expect(JSON.stringify(incident.timeline)).toContain(
      'Right-sizing pull request: https://github.com/shop/checkout/pull/1',
    );
  });

  it('SSM templates: dry runs ask the policy; read-only mode fails them', async () => {
    const backend = await start();
    const incidentId = await backend.raise('checkout');
    const orphan = await backend.detectOrphanVolume();
    const ecs = {
      incidentId,
      clusterName: 'shop',
      serviceName: 'checkout',
    };
    for (const [file, values] of [
      // Launched from the savings page: the opportunity alone.
      ['ebs-snapshot-and-delete.yaml', { opportunityId: orphan.id }],
      ['restart-ecs-deployment.yaml', ecs],
      [
        'rollback-ecs-deployment.yaml',
        { ...ecs, taskDefinition: 'checkout:41' },
      ],
      ['scale-ecs-service.yaml', { ...ecs, desiredCount: 4 }],
      [
        'silence-and-investigate.yaml',
        { incidentId, reason: 'p99 latency', hours: 2 },
      ],
    ] as const) {
      const res = await backend.dryRun(file, values);
      expect({
        file,
        status: res.status,
        error: res.body.error?.message,
      }).toEqual({ file, status: 200, error: undefined });
    }
    expect(await backend.get('/remediations')).toEqual({ items: [] });
    expect((await backend.get(`/incidents/${incidentId}`)).state).toBe('open');

    const readOnly = await start({ readOnly: true });
    const id = await readOnly.raise('checkout');
    const res = await readOnly.dryRun('restart-ecs-deployment.yaml', {
      ...ecs,
      incidentId: id,
    });
    // The dry run fails at the first step, with policy's reason.
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(
      /Remediation policy forbids this change \(read-only\)/,
    );
  });

  it('delete orphan volume: launched with the opportunity alone, approved by someone else, runs in its account and region; the ledger follows', async () => {
    const backend = await start();
    const orphan = await backend.detectOrphanVolume();
    expect(orphan.remediation.parameters.volumeId).toBe(ORPHAN_VOLUME);
    const task = await request(backend.server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header(ANA))
      .send({
        templateRef: 'template:default/cloudops-ebs-snapshot-and-delete',
        values: { opportunityId: orphan.id },
      })
      .expect(201);
    const waiting = await backend.awaitingApproval(
      `opportunities/${orphan.id}/remediations`,
    );
    expect(waiting).toMatchObject({
      opportunityId: orphan.id,
      requestedBy: ANA,
      ref: 'CloudOps-SnapshotAndDeleteVolume',
      parameters: { VolumeId: ORPHAN_VOLUME },
      policy: { approvalsRequired: 1, costImpact: 'decrease' },
    });
    expect((await backend.get(`/opportunities/${orphan.id}`)).state).toBe(
      'pr_opened',
    );
    await backend.approve(waiting.id);
    const done = await finished(backend.server, task.body.id);
    expect(done.status).toBe('completed');
    const [run] = backend.runs;
    expect(run.scope).toMatchObject({
      account: ORPHAN_ACCOUNT,
      region: 'us-east-1',
      entityRef: 'component:default/web',
    });
    expect(run.opportunity?.id).toBe(orphan.id);
    expect(run.incident).toBeUndefined();
    // One owner of the ledger: the remediation service, one entry per move.
    const detail = await backend.get(`/opportunities/${orphan.id}`);
    expect(detail.state).toBe('merged');
    expect(detail.ledger.map((e: any) => `${e.from ?? ''}>${e.to}`)).toEqual([
      '>detected',
      'detected>pr_opened',
      'pr_opened>approved',
      'approved>merged',
    ]);
  });

  it('restart: a real run waits for approval by someone else, then mitigates the incident', async () => {
    const backend = await start();
    const incidentId = await backend.raise('checkout');
    const task = await request(backend.server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header(ANA))
      .send({
        templateRef: 'template:default/cloudops-restart-deployment',
        values: { incidentId, clusterName: 'shop', serviceName: 'checkout' },
      })
      .expect(201);
    const waiting = await backend.awaitingApproval(
      `remediations?incidentId=${incidentId}`,
    );
    expect(waiting).toMatchObject({
      requestedBy: ANA,
      ref: 'CloudOps-ForceNewEcsDeployment',
      parameters: { ClusterName: 'shop', ServiceName: 'checkout' },
    });
    await backend.approve(waiting.id);
    const done = await finished(backend.server, task.body.id);
    expect(done.status).toBe('completed');
    const incident = await backend.get(`/incidents/${incidentId}`);
    expect(incident.state).toBe('mitigated');
    expect(JSON.stringify(incident.timeline)).toContain(
      'Restarted shop/checkout: CloudOps-ForceNewEcsDeployment finished',
    );
  });
});

async function finished(server: any, taskId: string) {
  for (let i = 0; i < 600; i++) {
    const res = await request(server)
      .get(`/api/scaffolder/v2/tasks/${taskId}`)
      .set('Authorization', mockCredentials.user.header(ANA));
    if (['completed', 'failed', 'cancelled'].includes(res.body.status)) {
      return res.body;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`task ${taskId} never finished`);
}
