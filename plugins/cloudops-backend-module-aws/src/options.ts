import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** Everything the AWS module reads from configuration, with defaults. */
export interface AwsModuleOptions {
  regions: string[];
  /** Accounts listed in configuration (`aws.accounts` and `cloudops.aws.accounts`). */
  accounts: Array<{ accountId: string; regions?: string[] }>;
  organizations?: {
    accountId?: string;
    organizationalUnits: string[];
    tags: Record<string, string>;
    excludeAccounts: string[];
    refreshMs: number;
  };
  accountsPerShard: number;
  maxConcurrentCalls: number;
  maxAttempts: number;
  metrics?: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    lookbackPeriods: number;
    catalogRefreshMs: number;
  };
  alarms?: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    resolvedWithinMs: number;
  };
  eventBridge?: { topics: string[] };
  logs: { queryTimeoutMs: number };
  /** Amazon Bedrock as the AI provider, when `cloudops.aws.bedrock` is set. */
  bedrock?: BedrockOptions;
  /** Waste detectors: which run, and their schedule (else the savings scan interval). */
  waste?: {
    detectors: WasteDetectorName[];
    schedule?: SchedulerServiceTaskScheduleDefinition;
  };
  /** The AWS Price List API as the pricing source, when enabled. */
  pricing?: { endpointRegion: string; cacheMs: number };
  /** The `sns` action channel. */
  sns?: AwsChannelOptions & {
    /** Topic ARNs by the names rules use as targets. */
    topics: Record<string, string>;
    defaultTopic?: string;
  };
  /** The `ses` action channel and the weekly report's email. */
  ses?: AwsChannelOptions & {
    region: string;
    from: string;
    configurationSet?: string;
    /** Address lists by the names rules use as targets. */
    lists: Record<string, string[]>;
    /** A list name or addresses, for deliveries without a target. */
    defaultTarget?: string;
    /** Whether the weekly savings report is emailed to its recipients. */
    weeklyReport: boolean;
  };
  /** The SSM Automation executor. */
  ssm?: {
    /** The role remediation assumes in the incident's account. */
    roleName: string;
    externalId?: string;
    /** Filled into a document's `AutomationAssumeRole`; a request may not name another role. */
    automationRoleName: string;
    /** The document parameter that makes a run a dry run, when a document declares it. */
    dryRunParameter: string;
    /** A document may run only if its name starts with one of these. */
    documentPrefixes: string[];
    pollIntervalMs: number;
    maxPollIntervalMs: number;
  };
}

/** How the Bedrock AI provider calls its model. */
export interface BedrockOptions {
  /** A model id, inference profile id or ARN. */
  modelId: string;
  region: string;
  /** The account whose credentials call Bedrock; undefined: the main account. */
  accountId?: string;
  /** How JSON is asked for: a forced tool call (`tool`) or instructions only (`text`). */
  output: 'tool' | 'text';
  temperature: number;
}

/** Whose credentials a channel uses: an account's role, or the main account's. */
export interface AwsChannelOptions {
  accountId?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const SNS_TOPIC_ARN =
  /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 5 },
};

function durationMs(
  config: Config | undefined,
  key: string,
  fallback: HumanDuration,
): number {
  return durationToMilliseconds(
    config?.has(key) ? readDurationFromConfig(config, { key }) : fallback,
  );
}

function accountId(value: string, where: string): string {
  if (!ACCOUNT_ID.test(value)) {
    throw new Error(
      `${where} must be a 12-digit AWS account id, got "${value}"`,
    );
  }
  return value;
}

function regions(config: Config, key: string, where: string) {
  const list = config.getOptionalStringArray(key);
  list?.forEach((region, i) => {
    if (!REGION.test(region)) {
      throw new Error(
        `${where}[${i}] must be an AWS region such as eu-west-1, got "${region}"`,
      );
    }
  });
  return list;
}

function positiveInteger(
  config: Config | undefined,
  key: string,
  where: string,
  fallback: number,
) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${where} must be a positive whole number, got ${value}`);
  }
  return value;
}

function schedule(config: Config | undefined) {
  return config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
}

const enabled = (config: Config | undefined) =>
  config?.getOptionalBoolean('enabled') ?? true;

function readBedrock(
  config: Config | undefined,
  defaultRegion: string,
): BedrockOptions | undefined {
  if (!config || !(config.getOptionalBoolean('enabled') ?? true)) {
    return undefined;
  }
  const where = 'cloudops.aws.bedrock';
  const modelId = config.getString('modelId').trim();
  if (!modelId || /\s/.test(modelId) || modelId.length > 2048) {
    throw new Error(
      `${where}.modelId must be a Bedrock model id, inference profile id or ARN, got "${modelId}"`,
    );
  }
  const region = config.getOptionalString('region') ?? defaultRegion;
  if (!REGION.test(region)) {
    throw new Error(
      `${where}.region must be an AWS region such as us-east-1, got "${region}"`,
    );
  }
  const output = config.getOptionalString('output') ?? 'tool';
  if (output !== 'tool' && output !== 'text') {
    throw new Error(
      `${where}.output must be "tool" or "text", got "${output}"`,
    );
  }
  const temperature = config.getOptionalNumber('temperature') ?? 0;
  if (!(temperature >= 0 && temperature <= 1)) {
    throw new Error(
      `${where}.temperature must be between 0 and 1, got ${temperature}`,
    );
  }
  return {
    modelId,
    region,
    accountId: config.has('accountId')
      ? accountId(config.getString('accountId'), `${where}.accountId`)
      : undefined,
    output,
    temperature,
  };
}

/** The module's waste detectors. */
export const WASTE_DETECTORS = ['ec2', 'ecs', 'ebs', 'elb', 'rds'] as const;
export type WasteDetectorName = (typeof WASTE_DETECTORS)[number];

const PRICING_ENDPOINTS = ['us-east-1', 'eu-central-1', 'ap-south-1'];

function wasteOptions(config: Config | undefined): AwsModuleOptions['waste'] {
  if (!enabled(config)) return undefined;
  const names = config?.getOptionalStringArray('detectors') ?? [
    ...WASTE_DETECTORS,
  ];
  names.forEach((name, i) => {
    if (!(WASTE_DETECTORS as readonly string[]).includes(name)) {
      throw new Error(
        `cloudops.aws.waste.detectors[${i}] must be one of ${WASTE_DETECTORS.join(
          ', ',
        )}, got "${name}"`,
      );
    }
  });
  return {
    detectors: names as WasteDetectorName[],
    schedule: config?.has('schedule') ? schedule(config) : undefined,
  };
}

function pricingOptions(
  config: Config | undefined,
): AwsModuleOptions['pricing'] {
  if (!config?.getOptionalBoolean('enabled')) return undefined;
  const endpointRegion = config.getOptionalString('region') ?? 'us-east-1';
  if (!PRICING_ENDPOINTS.includes(endpointRegion)) {
    throw new Error(
      `cloudops.aws.pricing.region must be a Price List API endpoint (${PRICING_ENDPOINTS.join(
        ', ',
      )}), got "${endpointRegion}"`,
    );
  }
  return {
    endpointRegion,
    cacheMs: durationMs(config, 'cacheFor', { hours: 24 }),
  };
}

function readSnsOptions(sns: Config | undefined): AwsModuleOptions['sns'] {
  if (!sns || !enabled(sns)) return undefined;
  const topics: Record<string, string> = {};
  const topicsConfig = sns.getOptionalConfig('topics');
  for (const name of topicsConfig?.keys() ?? []) {
    const arn = topicsConfig!.getString(name);
    if (!SNS_TOPIC_ARN.test(arn)) {
      throw new Error(
        `cloudops.aws.sns.topics.${name} must be an SNS topic ARN, got "${arn}"`,
      );
    }
    topics[name] = arn;
  }
  const defaultTopic = sns.getOptionalString('defaultTopic');
  if (
    defaultTopic &&
    !topics[defaultTopic] &&
    !SNS_TOPIC_ARN.test(defaultTopic)
  ) {
    throw new Error(
      `cloudops.aws.sns.defaultTopic must name a topic of cloudops.aws.sns.topics or be a topic ARN, got "${defaultTopic}"`,
    );
  }
  return {
    topics,
    defaultTopic,
    accountId: sns.has('accountId')
      ? accountId(sns.getString('accountId'), 'cloudops.aws.sns.accountId')
      : undefined,
  };
}

const EMAIL = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;

function emails(list: string[], where: string): string[] {
  list.forEach((address, i) => {
    if (!EMAIL.test(address)) {
      throw new Error(
        `${where}[${i}] must be an email address, got "${address}"`,
      );
    }
  });
  return list;
}

function readSesOptions(
  ses: Config | undefined,
  defaultRegion: string,
): AwsModuleOptions['ses'] {
  if (!ses || !enabled(ses)) return undefined;
  const lists: Record<string, string[]> = {};
  const listsConfig = ses.getOptionalConfig('lists');
  for (const name of listsConfig?.keys() ?? []) {
    lists[name] = emails(
      listsConfig!.getStringArray(name),
      `cloudops.aws.ses.lists.${name}`,
    );
  }
  const from = ses.getString('from');
  if (!EMAIL.test(from.replace(/^.*<(.+)>$/, '$1'))) {
    throw new Error(
      `cloudops.aws.ses.from must be an email address (optionally "Name <address>"), got "${from}"`,
    );
  }
  const region = ses.getOptionalString('region') ?? defaultRegion;
  if (!REGION.test(region)) {
    throw new Error(
      `cloudops.aws.ses.region must be an AWS region such as eu-west-1, got "${region}"`,
    );
  }
  return {
    region,
    from,
    configurationSet: ses.getOptionalString('configurationSet'),
    lists,
    defaultTarget: ses.getOptionalString('defaultTarget'),
    weeklyReport: ses.getOptionalBoolean('weeklyReport') ?? true,
    accountId: ses.has('accountId')
      ? accountId(ses.getString('accountId'), 'cloudops.aws.ses.accountId')
      : undefined,
  };
}

function documentPrefixes(ssm: Config | undefined): string[] {
  const where = 'cloudops.aws.ssm.documentPrefixes';
  const prefixes = ssm?.getOptionalStringArray('documentPrefixes') ?? [
    'CloudOps-',
  ];
  if (prefixes.length === 0) {
    throw new Error(
      `${where} must name at least one prefix (to run no documents, set cloudops.aws.ssm.enabled to false)`,
    );
  }
  prefixes.forEach((prefix, i) => {
    if (!/^[a-zA-Z0-9_.-]+$/.test(prefix)) {
      throw new Error(
        `${where}[${i}] must be the start of an SSM document name (letters, digits, _, - and .), got "${prefix}"`,
      );
    }
  });
  return prefixes;
}

function readSsmOptions(
  root: Config,
  ssm: Config | undefined,
): AwsModuleOptions['ssm'] {
  if (!enabled(ssm)) return undefined;
  const pollIntervalMs = durationMs(ssm, 'pollInterval', { seconds: 2 });
  const maxPollIntervalMs = durationMs(ssm, 'maxPollInterval', {
    seconds: 30,
  });
  if (pollIntervalMs <= 0 || maxPollIntervalMs < pollIntervalMs) {
    throw new Error(
      `cloudops.aws.ssm.pollInterval must be positive and at most cloudops.aws.ssm.maxPollInterval`,
    );
  }
  return {
    roleName: ssm?.getOptionalString('roleName') ?? 'cloudops-remediation',
    externalId:
      ssm?.getOptionalString('externalId') ??
      root.getOptionalString('aws.accountDefaults.externalId'),
    automationRoleName:
      ssm?.getOptionalString('automationRoleName') ?? 'cloudops-automation',
    dryRunParameter: ssm?.getOptionalString('dryRunParameter') ?? 'DryRun',
    documentPrefixes: documentPrefixes(ssm),
    pollIntervalMs,
    maxPollIntervalMs,
  };
}

/**
 * Reads the module's options, or undefined when nothing about AWS is
 * configured (no `cloudops.aws` block and no `aws.accounts`): then the
 * module does nothing.
 */
export function readAwsModuleOptions(
  root: Config,
): AwsModuleOptions | undefined {
  const aws = root.getOptionalConfig('cloudops.aws');
  const integrationAccounts = root.getOptionalConfigArray('aws.accounts') ?? [];
  if (!aws && integrationAccounts.length === 0) {
    return undefined;
  }
  const byId = new Map<string, { accountId: string; regions?: string[] }>();
  integrationAccounts.forEach((account, i) => {
    const id = accountId(
      account.getString('accountId'),
      `aws.accounts[${i}].accountId`,
    );
    byId.set(id, { accountId: id });
  });
  (aws?.getOptionalConfigArray('accounts') ?? []).forEach((account, i) => {
    const where = `cloudops.aws.accounts[${i}]`;
    const id = accountId(account.getString('accountId'), `${where}.accountId`);
    byId.set(id, {
      accountId: id,
      regions: regions(account, 'regions', `${where}.regions`),
    });
  });

  const org = aws?.getOptionalConfig('organizations');
  const metrics = aws?.getOptionalConfig('metrics');
  const alarms = aws?.getOptionalConfig('alarms');
  const eventBridge = aws?.getOptionalConfig('eventBridge');
  const defaultRegions = (aws &&
    regions(aws, 'regions', 'cloudops.aws.regions')) ?? ['us-east-1'];
  return {
    regions: defaultRegions,
    accounts: [...byId.values()],
    organizations: org?.getBoolean('enabled')
      ? {
          accountId: org.has('accountId')
            ? accountId(
                org.getString('accountId'),
                'cloudops.aws.organizations.accountId',
              )
            : undefined,
          organizationalUnits:
            org.getOptionalStringArray('organizationalUnits') ?? [],
          tags: (org.getOptional('tags') as Record<string, string>) ?? {},
          excludeAccounts: org.getOptionalStringArray('excludeAccounts') ?? [],
          refreshMs: durationMs(org, 'refreshInterval', { hours: 1 }),
        }
      : undefined,
    accountsPerShard: positiveInteger(
      aws,
      'accountsPerShard',
      'cloudops.aws.accountsPerShard',
      1,
    ),
    maxConcurrentCalls: positiveInteger(
      aws,
      'maxConcurrentCalls',
      'cloudops.aws.maxConcurrentCalls',
      16,
    ),
    maxAttempts: positiveInteger(
      aws,
      'maxAttempts',
      'cloudops.aws.maxAttempts',
      4,
    ),
    metrics: enabled(metrics)
      ? {
          schedule: schedule(metrics),
          lookbackPeriods: positiveInteger(
            metrics,
            'lookbackPeriods',
            'cloudops.aws.metrics.lookbackPeriods',
            3,
          ),
          catalogRefreshMs: durationMs(metrics, 'catalogRefreshInterval', {
            minutes: 5,
          }),
        }
      : undefined,
    alarms: enabled(alarms)
      ? {
          schedule: schedule(alarms),
          resolvedWithinMs: durationMs(alarms, 'resolvedWithin', { hours: 1 }),
        }
      : undefined,
    eventBridge: enabled(eventBridge)
      ? {
          topics: eventBridge?.getOptionalStringArray('topics') ?? [
            'aws-eventbridge',
          ],
        }
      : undefined,
    waste: wasteOptions(aws?.getOptionalConfig('waste')),
    pricing: pricingOptions(aws?.getOptionalConfig('pricing')),
    sns: readSnsOptions(aws?.getOptionalConfig('sns')),
    ses: readSesOptions(aws?.getOptionalConfig('ses'), defaultRegions[0]),
    ssm: readSsmOptions(root, aws?.getOptionalConfig('ssm')),
    logs: {
      queryTimeoutMs: durationMs(
        aws?.getOptionalConfig('logs'),
        'queryTimeout',
        { seconds: 60 },
      ),
    },
    bedrock: readBedrock(aws?.getOptionalConfig('bedrock'), defaultRegions[0]),
  };
}
