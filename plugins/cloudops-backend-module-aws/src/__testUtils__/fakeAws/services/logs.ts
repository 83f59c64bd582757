import { randomUUID } from 'node:crypto';
import { invalid, required } from '../AwsFault';
import { awsJsonService } from '../protocols/awsJson';
import { CallContext } from '../types';
import { LogEvent, runInsightsQuery } from './logsInsights';

interface Query {
  account: string;
  status: 'Scheduled' | 'Running' | 'Complete' | 'Cancelled';
  polls: number;
  result: ReturnType<typeof runInsightsQuery>;
  scanned: number;
  bytes: number;
}

const notFound = (message: string) => {
  const fault = invalid('ResourceNotFoundException', message);
  return fault;
};

/**
 * CloudWatch Logs (JSON 1.1): log groups and events, and Logs Insights
 * queries (StartQuery, GetQueryResults polling Running → Complete,
 * StopQuery) run over the stored events, with the per-account limit on
 * concurrent queries.
 */
export class FakeCloudWatchLogs {
  /** GetQueryResults answers Running this many times before Complete. */
  pollsUntilComplete = 1;
  /** Concurrent Insights queries per account (AWS: 30 by default). */
  maxConcurrentQueries = 30;
  private readonly groups = new Map<string, LogEvent[]>();
  private readonly queries = new Map<string, Query>();

  private key(account: string, region: string, group: string) {
    return `${account}|${region}|${group}`;
  }

  /** Stores events in a log group (creating it). */
  putEvents(
    account: string,
    region: string,
    group: string,
    events: Array<{ timestamp: number; message: string; logStream?: string }>,
  ) {
    const key = this.key(account, region, group);
    const list = this.groups.get(key) ?? [];
    list.push(...events.map(e => ({ logStream: 'main', ...e })));
    this.groups.set(key, list);
  }

  private events(context: CallContext, name: string): LogEvent[] {
    const group = name.startsWith('arn:')
      ? name.split(':log-group:')[1]?.replace(/:\*$/, '')
      : name;
    const events = this.groups.get(
      this.key(context.accountId, context.region, group),
    );
    if (!events) {
      throw notFound(`The specified log group does not exist: ${name}`);
    }
    return events;
  }

  private running(account: string) {
    return [...this.queries.values()].filter(
      q =>
        q.account === account &&
        (q.status === 'Running' || q.status === 'Scheduled'),
    ).length;
  }

  readonly service = awsJsonService({
    signingName: 'logs',
    iamPrefix: 'logs',
    targetPrefix: 'Logs_20140328',
    version: '1.1',
    errorNamespace: 'com.amazonaws.logs',
    operations: {
      CreateLogGroup: (input, context) => {
        this.putEvents(
          context.accountId,
          context.region,
          required(input.logGroupName, 'logGroupName'),
          [],
        );
        return {};
      },
      PutLogEvents: (input, context) => {
        const group = required(input.logGroupName, 'logGroupName');
        this.events(context, group);
        this.putEvents(
          context.accountId,
          context.region,
          group,
          (input.logEvents ?? []).map((e: any) => ({
            timestamp: e.timestamp,
            message: e.message,
            logStream: input.logStreamName,
          })),
        );
        return { nextSequenceToken: undefined };
      },
      StartQuery: (input, context) => {
        const names: string[] = [
          ...(input.logGroupNames ?? []),
          ...(input.logGroupIdentifiers ?? []),
          ...(input.logGroupName ? [input.logGroupName] : []),
        ];
        if (names.length === 0) {
          throw invalid(
            'InvalidParameterException',
            'Specify logGroupNames or logGroupIdentifiers',
          );
        }
        const startMs = required(input.startTime, 'startTime') * 1000;
        const endMs = required(input.endTime, 'endTime') * 1000;
        if (this.running(context.accountId) >= this.maxConcurrentQueries) {
          throw invalid(
            'LimitExceededException',
            'Account maximum query concurrency limit reached',
          );
        }
        const all = names.flatMap(n => this.events(context, n));
        const inWindow = all.filter(
          e => e.timestamp >= startMs && e.timestamp <= endMs,
        );
        const result = runInsightsQuery(
          required(input.queryString, 'queryString'),
          inWindow,
        );
        result.rows = result.rows.slice(0, input.limit ?? 1000);
        const queryId = randomUUID();
        this.queries.set(queryId, {
          account: context.accountId,
          status: 'Running',
          polls: 0,
          result,
          scanned: inWindow.length,
          bytes: inWindow.reduce((n, e) => n + Buffer.byteLength(e.message), 0),
        });
        return { queryId };
      },
      GetQueryResults: (input, context) => {
        const query = this.queries.get(input.queryId);
        if (!query || query.account !== context.accountId) {
          throw notFound(`Query ${input.queryId} does not exist`);
        }
        if (
          query.status === 'Running' &&
          query.polls++ >= this.pollsUntilComplete
        ) {
          query.status = 'Complete';
        }
        const done = query.status === 'Complete';
        return {
          status: query.status,
          results: done ? query.result.rows : [],
          statistics: {
            recordsMatched: done ? query.result.matched : 0,
            recordsScanned: query.scanned,
            bytesScanned: query.bytes,
          },
        };
      },
      StopQuery: (input, context) => {
        const query = this.queries.get(input.queryId);
        if (!query || query.account !== context.accountId) {
          throw notFound(`Query ${input.queryId} does not exist`);
        }
        const stopped = query.status === 'Running';
        if (stopped) query.status = 'Cancelled';
        return { success: stopped };
      },
    },
  });
}
