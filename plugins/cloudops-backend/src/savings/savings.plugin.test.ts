import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  cloudopsWasteDetectorsExtensionPoint,
  detectEc2Idle,
  PostChangeObservation,
  SeriesPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { shopEntities } from '../__testUtils__/testEntities';
import { cloudopsPlugin } from '../plugin';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

/** Fourteen days of an idle instance's hourly CPU and network, ending now. */
function idleUsage(now: number): {
  cpu: SeriesPoint[];
  network: SeriesPoint[];
} {
  const first = Math.floor(now / 86_400_000) * 86_400_000 - 14 * 86_400_000;
  const hours = Array.from({ length: 14 * 24 }, (_, i) => first + i * HOUR);
  return {
    cpu: hours.map(timestamp => ({ timestamp, value: 1.5 })),
    network: hours.map(timestamp => ({ timestamp, value: 40_000 })),
  };
}

const arn = (id: string) => `arn:aws:ec2:us-east-1:111111111111:instance/${id}`;

async function start(config: Record<string, unknown> = {}) {
  let scheduler: SchedulerService | undefined;
  const published: unknown[] = [];
  const fleet = {
    instances: ['i-payments', 'i-spare'],
    shards: ['111111111111', '222222222222'],
  };
  const { server } = await startTestBackend({
    features: [
      cloudopsPlugin,
      catalogServiceMock.factory({ entities: shopEntities }),
      mockServices.rootConfig.factory({
        data: {
          cloudops: {
            rules: { watch: false },
            savings: {
              validation: { validateAfterDays: 0, realizeAfterDays: 0 },
            },
            ...config,
          },
        },
      }),
      createBackendModule({
        pluginId: 'cloudops',
        moduleId: 'fake-waste',
        register(env) {
          env.registerInit({
            deps: {
              waste: cloudopsWasteDetectorsExtensionPoint,
              pluginScheduler: coreServices.scheduler,
              events: eventsServiceRef,
            },
            async init({ waste, pluginScheduler, events }) {
              scheduler = pluginScheduler;
              await events.subscribe({
                id: 'test-report-mail',
                topics: ['cloudops.savings.report'],
                onEvent: async ({ eventPayload }) => {
                  published.push(eventPayload);
                },
              });
              waste.addDetector({
                id: 'fake-ec2',
                shards: async () => fleet.shards,
                async detect({ shard, now, prices, thresholds }) {
                  if (shard === '222222222222') {
                    throw new Error('AccessDenied: sts:AssumeRole');
                  }
                  const list = await prices('us-east-1');
                  return fleet.instances.flatMap(id => {
                    const finding = detectEc2Idle(
                      {
                        arn: arn(id),
                        instanceId: id,
                        instanceType: 'm5.xlarge',
                        region: 'us-east-1',
                        account: shard,
                        tags:
                          id === 'i-payments' ? { service: 'payments' } : {},
                        ...idleUsage(now.getTime()),
                      },
                      list,
                      now,
                      thresholds.ec2Idle,
                    );
                    return finding ? [finding] : [];
                  });
                },
                async observe({ opportunities, now }) {
                  return opportunities.map(
                    (o): PostChangeObservation => ({
                      opportunityId: o.id,
                      windowStart: o.observeFrom,
                      windowEnd: new Date(
                        Math.max(now.getTime(), o.observeFrom.getTime() + 1000),
                      ),
                      applied: true,
                      actualCost: 0,
                      costSource: 'usage-x-price',
                    }),
                  );
                },
              });
            },
          });
        },
      }),
    ],
  });
  const trigger = async (task: string) =>
    scheduler!.triggerTask(`cloudops:${task}`);
  return { server, trigger, published, fleet };
}

describe('savings through a waste-detector module', () => {
  it('turns findings into opportunities, moves them through the ledger and validates them from post-change data', async () => {
    const { server, trigger, fleet } = await start();
    await trigger('fake-ec2:shards');
    await trigger('fake-ec2:111111111111');
    await trigger('fake-ec2:222222222222');

    const list = await request(server)
      .get('/api/cloudops/opportunities')
      .expect(200);
    expect(list.body.totalCount).toBe(2);
    // m5.xlarge: 0.192 an hour, 730 hours, twice.
    expect(list.body.totals).toEqual([
      { currency: 'USD', monthlySavings: expect.closeTo(2 * 140.16, 2) },
    ]);
    const payments = list.body.items.find(
      (o: any) => o.resource.id === arn('i-payments'),
    );
    expect(payments).toMatchObject({
      detector: 'fake-ec2',
      kind: 'ec2-idle',
      shard: '111111111111',
      state: 'detected',
      entityRef: 'component:default/payments',
      ownerRef: 'group:default/team-a',
      systemRef: 'system:default/shop',
      remediation: { template: 'cloudops-ec2-stop-idle' },
      risk: {
        blastRadius: { dependents: 2 },
        environment: 'unknown',
      },
    });
    await request(server)
      .get('/api/cloudops/opportunities')
      .query({ team: 'group:default/team-a', risk: 'low,medium,high' })
      .expect(200)
      .then(res => expect(res.body.totalCount).toBe(1));
    await request(server)
      .get('/api/cloudops/opportunities')
      .query({ entityRef: 'component:default/payments' })
      .then(res => expect(res.body.totalCount).toBe(1));
    await request(server)
      .get('/api/cloudops/opportunities')
      .query({ risk: 'extreme' })
      .expect(400);

    const id = payments.id;
    const detail = await request(server)
      .get(`/api/cloudops/opportunities/${id}`)
      .expect(200);
    expect(detail.body.evidence.charts).toHaveLength(2);
    expect(detail.body.ledger).toMatchObject([
      { to: 'detected', actor: 'cloudops' },
    ]);
    const pack = await request(server)
      .get(`/api/cloudops/opportunities/${id}/evidence`)
      .expect(200);
    expect(pack.headers['content-type']).toMatch(/html/);
    expect(pack.text).toContain('<svg');
    expect(pack.text).toContain('cloudops-ec2-stop-idle');

    const move = (body: object) =>
      request(server)
        .post(`/api/cloudops/opportunities/${id}/transition`)
        .send(body);
    expect((await move({ to: 'validated' })).status).toBe(409);
    expect((await move({ to: 'merged' })).status).toBe(409);
    expect((await move({ to: 'pr_opened' })).status).toBe(400);
    expect((await move({ to: 'finished' })).status).toBe(400);
    const script = await move({
      to: 'pr_opened',
      // A script URL, which the portal must never be given as a link.
      // eslint-disable-next-line no-script-url
      pullRequestUrl: 'javascript:alert(1)',
    });
    expect([script.status, script.body.error.message]).toEqual([
      400,
      'Invalid transition: pullRequestUrl: an http or https URL',
    ]);
    await move({
      to: 'pr_opened',
      pullRequestUrl: 'https://github.com/acme/infra/pull/7',
    }).expect(200);
    await move({ to: 'approved', note: 'Looks safe' }).expect(200);
    await move({ to: 'merged' }).expect(200);

    // The second run finds only the payments instance: the spare expires.
    fleet.instances = ['i-payments'];
    await trigger('fake-ec2:111111111111');
    const expired = await request(server)
      .get('/api/cloudops/opportunities')
      .query({ state: 'expired' });
    expect(expired.body.items.map((o: any) => o.resource.id)).toEqual([
      arn('i-spare'),
    ]);

    // The shards are renamed (as a new accountsPerShard does): the merged
    // change is still measured, on the shard it was detected on.
    fleet.shards = ['accounts-1-of-1'];
    await trigger('savings:sweep');
    await trigger('fake-ec2:validation:shards');
    await trigger('fake-ec2:validation:111111111111');
    await trigger('fake-ec2:validation:111111111111');
    const after = await request(server).get(
      `/api/cloudops/opportunities/${id}`,
    );
    expect(after.body.state).toBe('realized');
    expect(after.body.pullRequestUrl).toBe(
      'https://github.com/acme/infra/pull/7',
    );
    expect(
      after.body.ledger.map((l: any) => `${l.from ?? ''}>${l.to}:${l.actor}`),
    ).toEqual([
      '>detected:cloudops',
      'detected>pr_opened:user:default/mock',
      'pr_opened>approved:user:default/mock',
      'approved>merged:user:default/mock',
      'merged>validated:cloudops',
      'validated>realized:cloudops',
    ]);
    expect(after.body.observations).toHaveLength(2);
    expect(after.body.realizedToDate).toBeGreaterThan(0);
    expect((await move({ to: 'rejected' })).status).toBe(409);

    const audit = await request(server)
      .get('/api/cloudops/audit')
      .query({ target: id });
    expect(
      audit.body.items.map((a: any) => `${a.action}:${a.actor}:${a.outcome}`),
    ).toEqual([
      'opportunity-transition:user:default/mock:failed',
      'opportunity-transition:cloudops:succeeded',
      'opportunity-transition:cloudops:succeeded',
      'opportunity-transition:user:default/mock:succeeded',
      'opportunity-transition:user:default/mock:succeeded',
      'opportunity-transition:user:default/mock:succeeded',
      // pr_opened without its URL, merged before approved, validated by hand.
      'opportunity-transition:user:default/mock:failed',
      'opportunity-transition:user:default/mock:failed',
      'opportunity-transition:user:default/mock:failed',
      'opportunity-transition:cloudops:succeeded',
    ]);

    const health = await request(server)
      .get('/api/cloudops/detectors/health')
      .query({ detector: 'fake-ec2' });
    expect(
      health.body.items.map((h: any) => [
        h.shard,
        h.lastRun.outcome,
        h.lastRun.items,
      ]),
    ).toEqual([
      ['*', 'succeeded', 2],
      ['111111111111', 'succeeded', 1],
      ['222222222222', 'failed', 0],
    ]);
    const validation = await request(server)
      .get('/api/cloudops/detectors/runs')
      .query({ detector: 'fake-ec2:validation', shard: '111111111111' });
    expect(validation.body.items.map((r: any) => r.items)).toEqual([1, 1]);

    const summary = await request(server)
      .get('/api/cloudops/savings/summary')
      .query({ entityRef: 'component:default/payments' })
      .expect(200);
    expect(summary.body).toMatchObject({
      currency: 'USD',
      openCount: 0,
      potentialMonthlySavings: 0,
      readOnly: false,
    });
    expect(summary.body.realizedSeries).toHaveLength(6);
    expect(summary.body.realizedMonthly).toBeCloseTo(140.16, 1);
  });

  it('stores, serves and announces the weekly report', async () => {
    const { server, trigger, published } = await start({
      savings: { report: { recipients: ['cfo@example.com'] } },
    });
    await trigger('fake-ec2:shards');
    await trigger('fake-ec2:111111111111');
    await trigger('savings-report');
    await trigger('savings-report');

    const reports = await request(server)
      .get('/api/cloudops/savings/reports')
      .expect(200);
    expect(reports.body.items).toHaveLength(1);
    const [report] = reports.body.items;
    expect(report.content.topOpportunities).toHaveLength(2);
    expect(published).toEqual([
      expect.objectContaining({
        reportId: report.id,
        recipients: ['cfo@example.com'],
        pdfPath: `/savings/reports/${report.id}/download?format=pdf`,
      }),
    ]);
    const pdf = await request(server)
      .get(`/api/cloudops/savings/reports/${report.id}/download`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /attachment; filename="cloudops-savings-\d{4}-\d\d-\d\d\.pdf"/,
    );
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const html = await request(server)
      .get(`/api/cloudops/savings/reports/${report.id}/download`)
      .query({ format: 'html' })
      .expect(200);
    expect(html.text).toContain('Top 10 opportunities');
    await request(server)
      .get(`/api/cloudops/savings/reports/${report.id}`)
      .expect(200);
    await request(server).get('/api/cloudops/savings/reports/nope').expect(404);
    await request(server)
      .get(`/api/cloudops/savings/reports/${report.id}/download`)
      .query({ format: 'docx' })
      .expect(400);
  });

  it('opens no pull requests in read-only pilot mode, and still detects', async () => {
    const { server, trigger } = await start({ readOnly: true });
    await trigger('fake-ec2:shards');
    await trigger('fake-ec2:111111111111');
    const list = await request(server).get('/api/cloudops/opportunities');
    expect(list.body.totalCount).toBe(2);
    const res = await request(server)
      .post(`/api/cloudops/opportunities/${list.body.items[0].id}/transition`)
      .send({
        to: 'pr_opened',
        pullRequestUrl: 'https://github.com/acme/infra/pull/8',
      });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/read-only pilot mode/);
    const summary = await request(server).get('/api/cloudops/savings/summary');
    expect(summary.body).toMatchObject({ readOnly: true, openCount: 2 });
  });
});
