import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  ResultField,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { LoggerService } from '@backstage/backend-plugin-api';
import { CLOUDOPS_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  LogEvidence,
  LogEvidenceProvider,
  LogEvidenceRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients, AwsTarget } from '../clients/AwsClients';
import { fillTimeline, findBursts } from './errorBursts';
import { foldMessages } from './foldMessages';

/** What counts as an error line unless the caller says otherwise. */
export const DEFAULT_ERROR_PATTERN =
  'error|exception|fatal|panic|critical|\\b5\\d\\d\\b';
/** Distinct messages fetched before folding them into patterns. */
const MESSAGES_FETCHED = 200;
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2000;

/** Logs of one account and region. */
export interface LogGroupsTarget extends AwsTarget {
  account: string;
  logGroups: string[];
}

/** One Insights query's rows, as field → value. */
type Rows = Array<Record<string, string>>;

/** `2026-11-23 10:15:00.000` (UTC, as Insights prints it) → epoch ms. */
function insightsTime(value: string): number {
  return Date.parse(`${value.replace(' ', 'T')}Z`);
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A bin of about 60 per window, in whole minutes. */
function binSecondsFor(fromMs: number, toMs: number): number {
  return Math.max(60, Math.ceil((toMs - fromMs) / 60 / 60_000) * 60);
}

/**
 * CloudWatch Logs Insights as evidence for root-cause analysis: the error
 * timeline of an entity's log groups around an incident, the bursts in it,
 * and the most frequent error messages (folded into patterns). Log groups
 * come from the entity's `cloudops.ai/aws-log-groups` annotation (names in
 * its `cloudops.ai/aws-account-id` and `aws-region`, or ARNs).
 */
export class CloudWatchLogsInsights implements LogEvidenceProvider {
  readonly id = 'cloudwatch-logs';

  constructor(
    private readonly deps: {
      clients: AwsClients;
      logger: LoggerService;
      queryTimeoutMs: number;
    },
  ) {}

  /** The log groups an entity names, by account and region. */
  static targets(annotations: Record<string, string>): LogGroupsTarget[] {
    const groups = (annotations[CLOUDOPS_ANNOTATIONS.awsLogGroups] ?? '')
      .split(',')
      .map(g => g.trim())
      .filter(Boolean);
    const byLocation = new Map<string, LogGroupsTarget>();
    for (const group of groups) {
      // arn:aws:logs:<region>:<account>:log-group:<name>[:*]
      const arn = /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:([^:]+)/.exec(
        group,
      );
      const account =
        arn?.[2] ?? annotations[CLOUDOPS_ANNOTATIONS.awsAccountId];
      const region = arn?.[1] ?? annotations[CLOUDOPS_ANNOTATIONS.awsRegion];
      if (!account || !region) continue;
      const key = `${account}|${region}`;
      const target = byLocation.get(key) ?? { account, region, logGroups: [] };
      target.logGroups.push(arn?.[3] ?? group);
      byLocation.set(key, target);
    }
    return [...byLocation.values()];
  }

  async collect(request: LogEvidenceRequest): Promise<LogEvidence[]> {
    return Promise.all(
      CloudWatchLogsInsights.targets(request.entity.annotations).map(target =>
        this.evidence(target, request),
      ),
    );
  }

  /** Error timeline, bursts and top messages of one account-region's log groups. */
  async evidence(
    target: LogGroupsTarget,
    request: Omit<LogEvidenceRequest, 'entity'>,
  ): Promise<LogEvidence> {
    const fromMs = request.from.getTime();
    const toMs = request.to.getTime();
    const binSeconds = binSecondsFor(fromMs, toMs);
    const filter = `filter @message like /(?i)(${(
      request.errorPattern ?? DEFAULT_ERROR_PATTERN
    ).replace(/\//g, '\\/')})/`;
    const timelineQuery = `${filter} | stats count(*) as errors by bin(${binSeconds}s)`;
    const messagesQuery = `${filter} | stats count(*) as count, min(@timestamp) as first, max(@timestamp) as last by @message | sort count desc | limit ${MESSAGES_FETCHED}`;
    const window = {
      from: request.from,
      to: request.to,
      signal: request.signal,
    };
    const [timeline, messages] = await Promise.all([
      this.query(target, { ...window, query: timelineQuery }),
      this.query(target, { ...window, query: messagesQuery }),
    ]);
    const counts = new Map<number, number>();
    for (const row of timeline.rows) {
      const bin = Object.entries(row).find(([f]) => f.startsWith('bin('))?.[1];
      if (bin) counts.set(insightsTime(bin), Number(row.errors));
    }
    const errorTimeline = fillTimeline(counts, fromMs, toMs, binSeconds);
    return {
      source: this.id,
      location: `aws:${target.account}:${target.region}`,
      logGroups: target.logGroups,
      from: request.from.toISOString(),
      to: request.to.toISOString(),
      binSeconds,
      errorTimeline,
      bursts: findBursts(errorTimeline, binSeconds),
      topMessages: foldMessages(
        messages.rows.map(row => ({
          message: row['@message'] ?? '',
          count: Number(row.count),
          first: new Date(insightsTime(row.first)).toISOString(),
          last: new Date(insightsTime(row.last)).toISOString(),
        })),
        request.limit ?? 10,
      ),
      queries: [timelineQuery, messagesQuery],
      statistics: {
        recordsScanned: Math.max(timeline.scanned, messages.scanned),
        bytesScanned: Math.max(timeline.bytes, messages.bytes),
      },
    };
  }

  /**
   * Runs one Insights query to the end: StartQuery, then GetQueryResults
   * with backoff until it completes; past the timeout (or on abort) the
   * query is stopped and this fails.
   */
  async query(
    target: LogGroupsTarget,
    options: {
      from: Date;
      to: Date;
      query: string;
      limit?: number;
      signal?: AbortSignal;
    },
  ): Promise<{ rows: Rows; scanned: number; bytes: number }> {
    const { clients } = this.deps;
    const { signal } = options;
    const call = <T>(fn: (client: CloudWatchLogsClient) => Promise<T>) =>
      clients.call(target, CloudWatchLogsClient, fn, signal);
    const { queryId } = await call(client =>
      client.send(
        new StartQueryCommand({
          logGroupNames: target.logGroups,
          startTime: Math.floor(options.from.getTime() / 1000),
          endTime: Math.ceil(options.to.getTime() / 1000),
          queryString: options.query,
          limit: options.limit ?? 10_000,
        }),
        { abortSignal: signal },
      ),
    );
    const deadline = Date.now() + this.deps.queryTimeoutMs;
    let wait = FIRST_POLL_MS;
    try {
      for (;;) {
        const result = await call(client =>
          client.send(new GetQueryResultsCommand({ queryId }), {
            abortSignal: signal,
          }),
        );
        if (result.status === 'Complete') {
          return {
            rows: (result.results ?? []).map((fields: ResultField[]) =>
              Object.fromEntries(fields.map(f => [f.field!, f.value ?? ''])),
            ),
            scanned: result.statistics?.recordsScanned ?? 0,
            bytes: result.statistics?.bytesScanned ?? 0,
          };
        }
        if (result.status !== 'Running' && result.status !== 'Scheduled') {
          throw new Error(
            `Logs Insights query in ${target.account} ${target.region} ended ${result.status}`,
          );
        }
        if (Date.now() + wait > deadline) {
          throw new Error(
            `Logs Insights query in ${target.account} ${target.region} took longer than ${this.deps.queryTimeoutMs} ms`,
          );
        }
        await sleep(wait);
        signal?.throwIfAborted();
        wait = Math.min(wait * 2, MAX_POLL_MS);
      }
    } catch (error) {
      await call(client =>
        client.send(new StopQueryCommand({ queryId })),
      ).catch(stopError =>
        this.deps.logger.debug(
          `Could not stop Logs Insights query ${queryId}: ${stopError}`,
        ),
      );
      throw error;
    }
  }
}
