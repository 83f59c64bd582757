import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside its plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import request from 'supertest';
import {
  AwsTestEnvironment,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { eventually } from '../__testUtils__/eventually';
import { startSesLocal } from '../__testUtils__/sesLocal';
import { cloudopsModuleAws } from '../module';

jest.setTimeout(60_000);

/**
 * The weekly CFO/CTO report from the real CloudOps plugin: the core builds,
 * stores and announces it; the module reads its HTML and PDF from the
 * plugin's API and emails them through SES (aws-ses-v2-local).
 */
describe('weekly savings report by email', () => {
  let env: AwsTestEnvironment;
  let ses: Awaited<ReturnType<typeof startSesLocal>>;

  beforeEach(async () => {
    ses = await startSesLocal();
    env = await startAwsTestEnvironment([]);
  });
  afterEach(async () => {
    await env.stop();
    await ses.stop();
  });

  it('emails the stored report to its recipients: the HTML as the body, the PDF attached', async () => {
    let scheduler: SchedulerService | undefined;
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        cloudopsModuleAws,
        catalogServiceMock.factory({ entities: [] }),
        createBackendModule({
          pluginId: 'cloudops',
          moduleId: 'test-scheduler-probe',
          register(reg) {
            reg.registerInit({
              deps: { pluginScheduler: coreServices.scheduler },
              async init({ pluginScheduler }) {
                scheduler = pluginScheduler;
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            aws: env.awsConfig,
            cloudops: {
              rules: { watch: false },
              savings: {
                report: {
                  recipients: ['cfo@example.com', 'cto@example.com'],
                  title: 'Weekly cloud savings',
                },
              },
              aws: {
                regions: ['eu-west-1'],
                metrics: { enabled: false },
                alarms: { enabled: false },
                eventBridge: { enabled: false },
                ssm: { enabled: false },
                ses: { from: 'finops@example.com' },
              },
            },
          },
        }),
      ],
    });
    await scheduler!.triggerTask('cloudops:savings-report');
    const [email] = await eventually(async () => {
      const emails = await ses.emails();
      return emails.length > 0 && emails;
    });
    const reports = await request(server)
      .get('/api/cloudops/savings/reports')
      .expect(200);
    const [report] = reports.body.items;
    const html = await request(server)
      .get(`/api/cloudops/savings/reports/${report.id}/download`)
      .query({ format: 'html' })
      .expect(200);
    const week = report.periodStart.slice(0, 10);
    expect(email).toMatchObject({
      from: 'finops@example.com',
      destination: { to: ['cfo@example.com', 'cto@example.com'] },
      subject: `Weekly cloud savings: week of ${week}`,
    });
    expect(email.body.html).toBe(html.text);
    expect(email.body.text).toContain('Saved this week: $0');
    const [pdf] = email.attachments;
    expect(pdf).toMatchObject({
      contentType: 'application/pdf',
      filename: `cloudops-savings-${week}.pdf`,
    });
    expect(Buffer.from(pdf.content, 'base64').subarray(0, 5).toString()).toBe(
      '%PDF-',
    );
    expect(await ses.emails()).toHaveLength(1);
  });
});
