import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  cloudops?: {
    /**
     * CloudOps on AWS. Credentials come from Backstage's AWS integration
     * configuration (`aws.mainAccount`, `aws.accounts`, `aws.accountDefaults`
     * with `roleName` and `externalId`); this block says what to scan.
     */
    aws?: {
      /**
       * Regions scanned in accounts that do not list their own. Defaults to
       * `[us-east-1]`.
       *
       * @visibility backend
       */
      regions?: string[];
      /**
       * Accounts to scan besides those of `aws.accounts`, and per-account
       * regions (for those too).
       *
       * @visibility backend
       */
      accounts?: Array<{
        accountId: string;
        regions?: string[];
      }>;
      /**
       * Finds the accounts of an AWS Organization (ListAccounts). Their
       * credentials come from `aws.accountDefaults.roleName`.
       *
       * @visibility backend
       */
      organizations?: {
        enabled: boolean;
        /**
         * The account whose credentials call Organizations: the management
         * account or a delegated administrator. Defaults to the main account.
         */
        accountId?: string;
        /** Only accounts in these organizational units or the units below them. */
        organizationalUnits?: string[];
        /** Only accounts that carry every one of these tags. */
        tags?: { [key: string]: string };
        /** Accounts never scanned. */
        excludeAccounts?: string[];
        /** How long a listing is reused. Defaults to `1h`. */
        refreshInterval?: string | HumanDuration;
      };
      /**
       * How many accounts one scheduled task scans. Defaults to 1: every
       * account is its own task, with its own health. Raise it for very large
       * organisations (each task is a row the scheduler claims on every run).
       *
       * @visibility backend
       */
      accountsPerShard?: number;
      /**
       * The most AWS API calls in flight at once in one backend replica.
       * Defaults to 16.
       *
       * @visibility backend
       */
      maxConcurrentCalls?: number;
      /**
       * Attempts of one AWS call by the SDK (standard retry mode), including
       * the first. Defaults to 4. Throttled and failed calls get up to three
       * more rounds after that, with backoff, within the task's timeout.
       *
       * @visibility backend
       */
      maxAttempts?: number;
      /** CloudWatch metrics named by rules (`query.cloudwatch`). */
      metrics?: {
        /** Defaults to true. */
        enabled?: boolean;
        /**
         * Defaults to every minute with a 5-minute timeout.
         *
         * @visibility backend
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * How many complete periods each read covers, so that late
         * datapoints are not missed (repeats are deduplicated). Defaults to 3.
         */
        lookbackPeriods?: number;
        /** How often the catalog's AWS resources are re-read. Defaults to `5m`. */
        catalogRefreshInterval?: string | HumanDuration;
      };
      /** CloudWatch alarms: ALARM fires, OK resolves. */
      alarms?: {
        /** Defaults to true. */
        enabled?: boolean;
        /**
         * Defaults to every minute with a 5-minute timeout.
         *
         * @visibility backend
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Alarms back to OK within this long are reported as resolved
         * (INSUFFICIENT_DATA gives nothing). Defaults to `1h`.
         */
        resolvedWithin?: string | HumanDuration;
      };
      /** EventBridge events from the events service (the AWS SQS events module). */
      eventBridge?: {
        /** Defaults to true. */
        enabled?: boolean;
        /**
         * Events-service topics that carry EventBridge events: the topics of
         * `events.modules.awsSqs.awsSqsConsumingEventPublisher.topics`.
         * Defaults to `[aws-eventbridge]`.
         */
        topics?: string[];
      };
      /**
       * Waste detectors of EC2 (idle, right-sizing), ECS on Fargate
       * (right-sizing), EBS (unattached volumes), load balancers (idle) and
       * RDS (idle), per account shard. Their thresholds are
       * `cloudops.savings.thresholds`.
       */
      waste?: {
        /** Defaults to true. */
        enabled?: boolean;
        /** Which detectors run. Defaults to all: ec2, ecs, ebs, elb, rds. */
        detectors?: Array<'ec2' | 'ecs' | 'ebs' | 'elb' | 'rds'>;
        /**
         * Defaults to `cloudops.savings.scanInterval` (6 hours).
         *
         * @visibility backend
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      /**
       * Current on-demand prices from the AWS Price List Query API
       * (`pricing:GetProducts` with the main account's credentials) instead
       * of the shipped price table, which stays the fallback. Prices are in
       * US dollars; `cloudops.savings.accounts` converts them to an
       * account's currency.
       */
      pricing?: {
        /** Defaults to false. */
        enabled?: boolean;
        /** The API's endpoint: us-east-1 (default), eu-central-1 or ap-south-1. */
        region?: string;
        /** How long a region's prices are reused. Defaults to `24h`. */
        cacheFor?: string | HumanDuration;
      };
      /**
       * The `sns` action channel: one Publish per notification (text for
       * email and SMS subscribers, JSON for SQS, Lambda and HTTP ones,
       * message attributes to filter on; FIFO topics deduplicate on the
       * delivery's idempotency key).
       */
      sns?: {
        /** Defaults to true when the block is present. */
        enabled?: boolean;
        /**
         * Topic ARNs by the names rules use as `target`. A target may also
         * be a topic ARN, and a team may name its topic with the
         * `cloudops.ai/sns-topic-arn` annotation.
         *
         * @visibility backend
         */
        topics?: { [name: string]: string };
        /**
         * The topic (a name above or an ARN) for notifications without a
         * target.
         *
         * @visibility backend
         */
        defaultTopic?: string;
        /**
         * Publish with this account's role (from `aws.accounts` or
         * `aws.accountDefaults`). Defaults to the main account's
         * credentials (Backstage's own principal).
         *
         * @visibility backend
         */
        accountId?: string;
      };
      /**
       * The `ses` action channel (an HTML email per notification) and the
       * weekly savings report's email, through Amazon SES v2.
       */
      ses?: {
        /** Defaults to true when the block is present. */
        enabled?: boolean;
        /**
         * The sender: an address (or `Name <address>`) of an identity
         * verified in SES.
         *
         * @visibility backend
         */
        from: string;
        /**
         * The SES region. Defaults to the first of `cloudops.aws.regions`.
         *
         * @visibility backend
         */
        region?: string;
        /**
         * Send with this account's role. Defaults to the main account's
         * credentials.
         *
         * @visibility backend
         */
        accountId?: string;
        /**
         * An SES configuration set (event publishing, dedicated IPs).
         *
         * @visibility backend
         */
        configurationSet?: string;
        /**
         * Address lists by the names rules use as `target`. A target may
         * also be comma-separated addresses, and a team may name its own
         * with the `cloudops.ai/email` annotation.
         *
         * @visibility backend
         */
        lists?: { [name: string]: string[] };
        /**
         * A list name or addresses for notifications without a target.
         *
         * @visibility backend
         */
        defaultTarget?: string;
        /**
         * Whether the weekly savings report is emailed to
         * `cloudops.savings.report.recipients`. Defaults to true.
         *
         * @visibility backend
         */
        weeklyReport?: boolean;
      };
      /**
       * The SSM Automation remediation executor (`aws-ssm-automation`).
       * Documents run in the incident's account and region.
       */
      ssm?: {
        /** Defaults to true. */
        enabled?: boolean;
        /**
         * The role assumed in the incident's account to start and follow
         * automations, in place of the detection role. Defaults to
         * `cloudops-remediation` (the kit in `examples/aws` creates it).
         *
         * @visibility backend
         */
        roleName?: string;
        /**
         * The external id of that role. Defaults to
         * `aws.accountDefaults.externalId`.
         *
         * @visibility secret
         */
        externalId?: string;
        /**
         * The role automations run as, passed as `AutomationAssumeRole`
         * when a document declares it; a request may not name another.
         * Defaults to `cloudops-automation`.
         *
         * @visibility backend
         */
        automationRoleName?: string;
        /**
         * The document parameter that makes a run a dry run: a document
         * that declares it is started with it set to `true` for the dry
         * run; other documents are only checked. Defaults to `DryRun`.
         *
         * @visibility backend
         */
        dryRunParameter?: string;
        /**
         * The documents a remediation may run: those whose name (for a
         * shared document given by ARN, the name after `document/`) starts
         * with one of these. A request for any other is refused when it is
         * planned and again when it runs. Defaults to `[CloudOps-]`, the
         * documents of the kit in `examples/aws`.
         *
         * @visibility backend
         */
        documentPrefixes?: string[];
        /** The first wait between polls of an execution. Defaults to `2s`. */
        pollInterval?: string | HumanDuration;
        /** The longest wait between polls (waits double). Defaults to `30s`. */
        maxPollInterval?: string | HumanDuration;
      };
      /** CloudWatch Logs Insights evidence for root-cause analysis. */
      logs?: {
        /** How long one Insights query may run. Defaults to `60s`. */
        queryTimeout?: string | HumanDuration;
      };
      /**
       * Amazon Bedrock as the AI provider that narrates root-cause analyses
       * (Converse API). Absent: the engine writes a template narrative. The
       * time box, attempts and token limit are the engine's `cloudops.ai`.
       */
      bedrock?: {
        /** Defaults to true when the block is present. */
        enabled?: boolean;
        /**
         * A model id, inference profile id or ARN, e.g.
         * `eu.anthropic.claude-3-7-sonnet-20250219-v1:0`.
         *
         * @visibility backend
         */
        modelId: string;
        /**
         * The region to call Bedrock in. Defaults to the first of
         * `cloudops.aws.regions`.
         *
         * @visibility backend
         */
        region?: string;
        /**
         * The account whose credentials (from the AWS integration, an
         * assumed role for a member account) call Bedrock. Defaults to the
         * main account.
         *
         * @visibility backend
         */
        accountId?: string;
        /**
         * How the JSON answer is asked for: `tool` (default) makes the model
         * call one tool whose input schema is the answer's schema; `text`
         * relies on the instructions, for models without forced tool choice.
         *
         * @visibility backend
         */
        output?: 'tool' | 'text';
        /** Sampling temperature, 0 to 1. Defaults to 0. */
        temperature?: number;
      };
    };
  };
}
