import {
  AwsTestEnvironment,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import {
  paymentsDelivery,
  paymentsIncident,
} from '../__testUtils__/deliveryRequest';
import { startSesLocal } from '../__testUtils__/sesLocal';
import { SesChannel } from './SesChannel';
import { SesMailer } from './SesMailer';

describe('SesChannel (against aws-ses-v2-local)', () => {
  let env: AwsTestEnvironment;
  let ses: Awaited<ReturnType<typeof startSesLocal>>;
  let channel: SesChannel;

  beforeAll(async () => {
    ses = await startSesLocal();
  });
  afterAll(() => ses.stop());

  beforeEach(async () => {
    await ses.clear();
    env = await startAwsTestEnvironment([]);
    const options = {
      region: 'eu-west-1',
      from: 'CloudOps <cloudops@example.com>',
      lists: { payments: ['payments-oncall@example.com', 'sre@example.com'] },
      defaultTarget: 'noc@example.com',
      weeklyReport: false,
    };
    channel = new SesChannel({
      mailer: new SesMailer({ clients: env.clients(), options }),
      options,
    });
  });
  afterEach(() => env.stop());

  it('emails an HTML summary with the root cause and the link, threaded per incident', async () => {
    const first = await channel.deliver(
      paymentsDelivery({ target: 'payments' }),
    );
    const followUp = await channel.deliver(
      paymentsDelivery({
        target: 'payments',
        event: 'acknowledged',
        incident: { ...paymentsIncident, state: 'acknowledged' },
        thread: first.result!,
      }),
    );
    const [opened, acknowledged] = await ses.emails();
    expect(first.result).toEqual({ sesMessageId: opened.messageId });
    expect(followUp.result).toEqual({ sesMessageId: acknowledged.messageId });
    expect(opened).toMatchObject({
      from: 'CloudOps <cloudops@example.com>',
      destination: { to: ['payments-oncall@example.com', 'sre@example.com'] },
      subject: '[CloudOps] payments-api 5xx rate above 5%',
    });
    const html = opened.body.html!;
    expect(html).toContain(
      '<h1 style="font-size:20px;margin:0 0 12px 0">[HIGH] payments-api 5xx rate above 5%</h1>',
    );
    expect(html).toContain(
      'payments-db CPU saturated after the 09:12 deployment',
    );
    expect(html).toContain(
      '<li>payments-db CPUUtilization reached 98% at 09:14</li>',
    );
    expect(html).toContain(
      'href="https://portal.example.com/catalog/default/component/payments-api/incidents?incident=2d9e7c1a"',
    );
    expect(opened.body.text).toContain('Root cause: payments-db CPU saturated');
    const thread =
      '<incident-2d9e7c1a-6b3f-4a8e-9c5d-0f1e2a3b4c5d@cloudops.ai>';
    expect(opened.headers).toEqual(
      expect.arrayContaining([
        { name: 'References', value: thread },
        { name: 'X-CloudOps-Event', value: 'opened' },
      ]),
    );
    expect(opened.headers?.map(h => h.name)).not.toContain('In-Reply-To');
    expect(acknowledged.subject).toBe(
      'Re: [CloudOps] payments-api 5xx rate above 5%',
    );
    expect(acknowledged.headers).toEqual(
      expect.arrayContaining([
        { name: 'References', value: thread },
        { name: 'In-Reply-To', value: thread },
      ]),
    );
  });

  it('escapes what it shows, sends to addresses or the default, and refuses targets that are neither', async () => {
    await channel.deliver(
      paymentsDelivery({
        incident: {
          ...paymentsIncident,
          title: '<script>alert(1)</script> & co',
        },
      }),
    );
    await channel.deliver(
      paymentsDelivery({ target: 'a@example.com, b@example.com' }),
    );
    const [escaped, listed] = await ses.emails();
    expect(escaped.destination.to).toEqual(['noc@example.com']);
    expect(escaped.body.html).not.toContain('<script>');
    expect(escaped.body.html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; co',
    );
    expect(listed.destination.to).toEqual(['a@example.com', 'b@example.com']);
    await expect(
      channel.deliver(paymentsDelivery({ target: 'not-a-list' })),
    ).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('"not-a-list" is neither a list'),
    });
    expect(await ses.emails()).toHaveLength(2);
  });
});
