import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  AwsTestEnvironment,
  MAIN_ACCOUNT,
  ROLE_NAME,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { awsValidationCheck } from './awsValidationCheck';

const A = '111111111111';
const B = '222222222222';
const UNTRUSTING = '333333333333';

describe('awsValidationCheck', () => {
  let env: AwsTestEnvironment;
  beforeEach(async () => {
    env = await startAwsTestEnvironment([A, B]);
    env.fake.addAccount(UNTRUSTING, { name: ROLE_NAME, trust: 'deny' });
  });
  afterEach(() => env.stop());

  function run(cloudops: JsonObject, aws = env.awsConfig as JsonObject) {
    return awsValidationCheck({
      config: new ConfigReader({ aws, cloudops: { aws: cloudops } }),
      logger: mockServices.logger.mock(),
    }).run({ signal: new AbortController().signal });
  }

  it('passes the main credentials and every account whose role it assumes and reads', async () => {
    const rows = await run({
      regions: ['eu-west-1', 'us-east-1'],
      accounts: [{ accountId: A }, { accountId: B }],
    });
    expect(rows.map(r => [r.target, r.status])).toEqual([
      ['main credentials', 'pass'],
      [`account ${A}`, 'pass'],
      [`account ${B}`, 'pass'],
    ]);
    expect(rows[0].detail).toContain(MAIN_ACCOUNT);
    expect(rows[1].detail).toContain(`${A}:assumed-role/${ROLE_NAME}`);
    expect(rows[1].detail).toContain('eu-west-1, us-east-1');
    expect(env.fake.callsTo('sts', 'AssumeRole').length).toBeGreaterThan(0);
  });

  it('fails an account whose role cannot be assumed, naming AWS error', async () => {
    const rows = await run({
      regions: ['eu-west-1'],
      accounts: [{ accountId: A }, { accountId: UNTRUSTING }],
    });
    const row = rows.find(r => r.target === `account ${UNTRUSTING}`)!;
    expect(row.status).toBe('fail');
    expect(row.detail).toMatch(/AccessDenied/);
    expect(rows.find(r => r.target === `account ${A}`)!.status).toBe('pass');
  });

  it('fails an account whose role may not read CloudWatch', async () => {
    env.fake.deny(B, 'cloudwatch:DescribeAlarms');
    const rows = await run({
      regions: ['eu-west-1'],
      accounts: [{ accountId: B }],
    });
    expect(rows[1]).toMatchObject({ target: `account ${B}`, status: 'fail' });
    expect(rows[1].detail).toMatch(
      /credentials work .* but CloudWatch reads fail: eu-west-1: .*AccessDenied/,
    );
  });

  it('fails main credentials AWS does not know', async () => {
    const rows = await run(
      { regions: ['eu-west-1'], accounts: [{ accountId: A }] },
      {
        ...env.awsConfig,
        mainAccount: {
          accessKeyId: 'AKIAFORGED0000000000',
          secretAccessKey: 'wrong',
        },
      },
    );
    expect(rows[0]).toMatchObject({
      target: 'main credentials',
      status: 'fail',
    });
    expect(rows[0].detail).toMatch(/InvalidClientTokenId|security token/i);
    expect(rows[1]).toMatchObject({ target: `account ${A}`, status: 'fail' });
  });

  it('fails configuration the module would refuse, and skips when AWS is not configured', async () => {
    const bad = await run({ accounts: [{ accountId: '12345' }] });
    expect(bad).toEqual([
      expect.objectContaining({
        target: 'cloudops.aws',
        status: 'fail',
        detail: expect.stringContaining(
          'cloudops.aws.accounts[0].accountId must be a 12-digit AWS account id',
        ),
      }),
    ]);
    const none = await awsValidationCheck({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
    }).run({ signal: new AbortController().signal });
    expect(none[0].status).toBe('skip');
  });
});
