import { ConfigReader } from '@backstage/config';
import { readAwsModuleOptions } from './options';

const read = (data: object) => readAwsModuleOptions(new ConfigReader(data));

describe('readAwsModuleOptions', () => {
  it('is undefined without any AWS configuration', () => {
    expect(read({})).toBeUndefined();
    expect(read({ aws: { mainAccount: { profile: 'x' } } })).toBeUndefined();
  });

  it('scans the integration’s accounts with defaults', () => {
    expect(
      read({
        aws: { accounts: [{ accountId: '111111111111', roleName: 'r' }] },
      }),
    ).toEqual({
      regions: ['us-east-1'],
      accounts: [{ accountId: '111111111111' }],
      organizations: undefined,
      accountsPerShard: 1,
      maxConcurrentCalls: 16,
      maxAttempts: 4,
      metrics: {
        schedule: { frequency: { minutes: 1 }, timeout: { minutes: 5 } },
        lookbackPeriods: 3,
        catalogRefreshMs: 300_000,
      },
      alarms: {
        schedule: { frequency: { minutes: 1 }, timeout: { minutes: 5 } },
        resolvedWithinMs: 3_600_000,
      },
      eventBridge: { topics: ['aws-eventbridge'] },
      logs: { queryTimeoutMs: 60_000 },
      waste: { detectors: ['ec2', 'ecs', 'ebs', 'elb', 'rds'] },
      pricing: undefined,
      sns: undefined,
      ses: undefined,
      ssm: {
        roleName: 'cloudops-remediation',
        externalId: undefined,
        automationRoleName: 'cloudops-automation',
        dryRunParameter: 'DryRun',
        documentPrefixes: ['CloudOps-'],
        pollIntervalMs: 2000,
        maxPollIntervalMs: 30_000,
      },
    });
  });

  it('reads the waste detectors and the Price List API switch', () => {
    const options = read({
      cloudops: {
        aws: {
          waste: {
            detectors: ['ec2', 'rds'],
            schedule: { frequency: '1h', timeout: '20m' },
          },
          pricing: { enabled: true, region: 'ap-south-1', cacheFor: '12h' },
        },
      },
    })!;
    expect(options.waste).toEqual({
      detectors: ['ec2', 'rds'],
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 20 } },
    });
    expect(options.pricing).toEqual({
      endpointRegion: 'ap-south-1',
      cacheMs: 12 * 3_600_000,
    });
    expect(
      read({ cloudops: { aws: { waste: { enabled: false } } } })!.waste,
    ).toBeUndefined();
    expect(
      read({ cloudops: { aws: { pricing: { enabled: true } } } })!.pricing,
    ).toEqual({ endpointRegion: 'us-east-1', cacheMs: 24 * 3_600_000 });
  });

  it('reads the SNS and SES channels and the SSM executor, and says what is wrong where', () => {
    const topic = 'arn:aws:sns:eu-west-1:999999999999:cloudops-noc';
    const options = read({
      aws: { accountDefaults: { roleName: 'r', externalId: 'x-1' } },
      cloudops: {
        aws: {
          regions: ['eu-west-1'],
          sns: { topics: { noc: topic }, defaultTopic: 'noc' },
          ses: {
            from: 'CloudOps <cloudops@example.com>',
            lists: { noc: ['noc@example.com'] },
            accountId: '999999999999',
          },
          ssm: { roleName: 'fixer', pollInterval: '5s' },
        },
      },
    })!;
    expect(options.sns).toEqual({
      topics: { noc: topic },
      defaultTopic: 'noc',
      accountId: undefined,
    });
    expect(options.ses).toEqual({
      region: 'eu-west-1',
      from: 'CloudOps <cloudops@example.com>',
      configurationSet: undefined,
      lists: { noc: ['noc@example.com'] },
      defaultTarget: undefined,
      weeklyReport: true,
      accountId: '999999999999',
    });
    expect(options.ssm).toMatchObject({
      roleName: 'fixer',
      externalId: 'x-1',
      pollIntervalMs: 5000,
    });
    expect(read({ cloudops: { aws: { ssm: { enabled: false } } } })?.ssm).toBe(
      undefined,
    );
    expect(() =>
      read({ cloudops: { aws: { sns: { topics: { noc: 'noc' } } } } }),
    ).toThrow(
      'cloudops.aws.sns.topics.noc must be an SNS topic ARN, got "noc"',
    );
    expect(() =>
      read({
        cloudops: {
          aws: { ses: { from: 'a@example.com', lists: { x: ['nope'] } } },
        },
      }),
    ).toThrow(
      'cloudops.aws.ses.lists.x[0] must be an email address, got "nope"',
    );
    expect(() =>
      read({
        cloudops: {
          aws: { ssm: { pollInterval: '1m', maxPollInterval: '10s' } },
        },
      }),
    ).toThrow('pollInterval must be positive and at most');
  });

  it('reads the SSM documents remediations may run, refusing a list that allows none or anything', () => {
    const prefixes = (documentPrefixes: unknown) =>
      read({ cloudops: { aws: { ssm: { documentPrefixes } } } })?.ssm
        ?.documentPrefixes;
    expect(prefixes(['Acme-', 'CloudOps-'])).toEqual(['Acme-', 'CloudOps-']);
    expect(() => prefixes([])).toThrow(
      'cloudops.aws.ssm.documentPrefixes must name at least one prefix',
    );
    expect(() => prefixes(['CloudOps-', ' '])).toThrow(
      'cloudops.aws.ssm.documentPrefixes[1] must be the start of an SSM document name',
    );
    expect(() => prefixes(['arn:aws:ssm:'])).toThrow(
      'cloudops.aws.ssm.documentPrefixes[0] must be the start of an SSM document name (letters, digits, _, - and .), got "arn:aws:ssm:"',
    );
  });

  it('reads per-account regions, discovery, shards, schedules and switches', () => {
    const options = read({
      aws: { accounts: [{ accountId: '111111111111', roleName: 'r' }] },
      cloudops: {
        aws: {
          regions: ['eu-west-1', 'eu-central-1'],
          accounts: [
            { accountId: '111111111111', regions: ['us-west-2'] },
            { accountId: '222222222222' },
          ],
          organizations: {
            enabled: true,
            organizationalUnits: ['ou-ab12-prod'],
            tags: { cloudops: 'on' },
            excludeAccounts: ['333333333333'],
            refreshInterval: '30m',
          },
          accountsPerShard: 25,
          metrics: {
            schedule: { frequency: '2m', timeout: '1m' },
            lookbackPeriods: 5,
          },
          alarms: { enabled: false },
          eventBridge: { topics: ['org-events'] },
        },
      },
    })!;
    expect(options.accounts).toEqual([
      { accountId: '111111111111', regions: ['us-west-2'] },
      { accountId: '222222222222', regions: undefined },
    ]);
    expect(options.regions).toEqual(['eu-west-1', 'eu-central-1']);
    expect(options.organizations).toEqual({
      accountId: undefined,
      organizationalUnits: ['ou-ab12-prod'],
      tags: { cloudops: 'on' },
      excludeAccounts: ['333333333333'],
      refreshMs: 1_800_000,
    });
    expect(options.accountsPerShard).toBe(25);
    expect(options.metrics?.schedule.frequency).toEqual({ minutes: 2 });
    expect(options.metrics?.lookbackPeriods).toBe(5);
    expect(options.alarms).toBeUndefined();
    expect(options.eventBridge).toEqual({ topics: ['org-events'] });
  });

  it('says what is wrong and where', () => {
    expect(() =>
      read({ cloudops: { aws: { accounts: [{ accountId: '12345' }] } } }),
    ).toThrow(
      'cloudops.aws.accounts[0].accountId must be a 12-digit AWS account id, got "12345"',
    );
    expect(() => read({ cloudops: { aws: { regions: ['Ireland'] } } })).toThrow(
      'cloudops.aws.regions[0] must be an AWS region such as eu-west-1, got "Ireland"',
    );
    expect(() => read({ cloudops: { aws: { accountsPerShard: 0 } } })).toThrow(
      'cloudops.aws.accountsPerShard must be a positive whole number, got 0',
    );
    expect(() =>
      read({ cloudops: { aws: { waste: { detectors: ['ec2', 'lambda'] } } } }),
    ).toThrow(
      'cloudops.aws.waste.detectors[1] must be one of ec2, ecs, ebs, elb, rds, got "lambda"',
    );
    expect(() =>
      read({
        cloudops: { aws: { pricing: { enabled: true, region: 'eu-west-1' } } },
      }),
    ).toThrow(
      'cloudops.aws.pricing.region must be a Price List API endpoint (us-east-1, eu-central-1, ap-south-1), got "eu-west-1"',
    );
  });
  it('reads the Bedrock AI provider, off unless configured', () => {
    const bedrock = (config: object) =>
      read({ cloudops: { aws: { regions: ['eu-west-1'], bedrock: config } } })!
        .bedrock;
    expect(read({ cloudops: { aws: {} } })!.bedrock).toBeUndefined();
    expect(
      bedrock({ modelId: 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0' }),
    ).toEqual({
      modelId: 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
      region: 'eu-west-1',
      accountId: undefined,
      output: 'tool',
      temperature: 0,
    });
    expect(
      bedrock({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        region: 'us-east-1',
        accountId: '123456789012',
        output: 'text',
        temperature: 0.2,
      }),
    ).toMatchObject({ region: 'us-east-1', accountId: '123456789012' });
    expect(bedrock({ modelId: 'x', enabled: false })).toBeUndefined();
    expect(() => bedrock({ modelId: 'claude 3' })).toThrow(
      'cloudops.aws.bedrock.modelId must be a Bedrock model id, inference profile id or ARN, got "claude 3"',
    );
    expect(() => bedrock({ modelId: 'm', region: 'Frankfurt' })).toThrow(
      'cloudops.aws.bedrock.region must be an AWS region such as us-east-1, got "Frankfurt"',
    );
    expect(() => bedrock({ modelId: 'm', output: 'xml' })).toThrow(
      'cloudops.aws.bedrock.output must be "tool" or "text", got "xml"',
    );
    expect(() => bedrock({ modelId: 'm', temperature: 2 })).toThrow(
      'cloudops.aws.bedrock.temperature must be between 0 and 1, got 2',
    );
    expect(() => bedrock({ modelId: 'm', accountId: '1' })).toThrow(
      'cloudops.aws.bedrock.accountId must be a 12-digit AWS account id, got "1"',
    );
    expect(() => bedrock({ region: 'us-east-1' })).toThrow(/modelId/);
  });
});
