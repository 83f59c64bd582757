/**
 * The AWS fake of the AWS module's tests as a separate process for the scan
 * benchmark: 200 (or --accounts) member accounts with the role Backstage
 * assumes, CloudWatch data for every series, a latency per call and,
 * optionally, a share of throttled calls. Prints one JSON line with the
 * endpoint, the main key and an admin port serving `GET /stats`.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeAws } from '../../plugins/cloudops-backend-module-aws/src/__testUtils__/fakeAws';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main() {
  const accounts = arg('accounts', 200);
  const fake = await FakeAws.start();
  fake.latencyMs = arg('latency-ms', 100);
  const throttle = arg('throttle', 0);
  if (throttle > 0) {
    fake.faults.seed(arg('seed', 1));
    fake.injectFault({ kind: 'throttle', probability: throttle });
  }
  const main = fake.identities.addUser('999999999999');
  for (let i = 0; i < accounts; i++) {
    fake.addAccount(String(100000000000 + i), {
      name: 'cloudops-readonly',
      externalId: 'bench',
    });
  }
  // Every series has a value in every period.
  fake.cloudwatch.metrics.synthetic = (_key, _stat, at) => (at / 60_000) % 100;

  const admin = http.createServer((_req, res) => {
    const count = (service: string, operation: string, ok?: boolean) =>
      fake.calls.filter(
        c =>
          c.service === service &&
          c.operation === operation &&
          (ok === undefined || (c.status === 200) === ok),
      ).length;
    const perAccount = new Map<string, number>();
    for (const c of fake.callsTo('monitoring', 'GetMetricData')) {
      if (c.status === 200)
        perAccount.set(c.account, (perAccount.get(c.account) ?? 0) + 1);
    }
    res.end(
      JSON.stringify({
        calls: fake.calls.length,
        throttled: fake.calls.filter(
          c =>
            c.code === fake.cloudwatch.service.codes.throttling ||
            c.code === 'Throttling',
        ).length,
        getMetricData: count('monitoring', 'GetMetricData', true),
        getMetricDataPerAccount: [...new Set(perAccount.values())],
        accountsRead: perAccount.size,
        assumeRole: count('sts', 'AssumeRole', true),
        metricsRequested: fake.cloudwatch.metricsRequested,
      }),
    );
  });
  await new Promise<void>(r => admin.listen(0, '127.0.0.1', () => r()));
  process.stdout.write(
    `${JSON.stringify({
      endpoint: fake.endpoint,
      accessKeyId: main.accessKeyId,
      secretAccessKey: main.secretAccessKey,
      admin: `http://127.0.0.1:${(admin.address() as AddressInfo).port}`,
    })}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
