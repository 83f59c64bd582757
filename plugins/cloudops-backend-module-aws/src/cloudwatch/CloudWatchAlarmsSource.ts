import {
  CloudWatchClient,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  CloudopsSignalSource,
  PartialPull,
  SignalInput,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsAccounts } from '../accounts/AwsAccounts';
import { AwsClients } from '../clients/AwsClients';
import { readAccounts } from '../shards/readAccounts';
import { alarmSignal } from './alarmSignal';

/** The detector id, as detector health shows it. */
export const ALARMS_SOURCE_ID = 'aws-cloudwatch-alarms';

/**
 * CloudWatch alarms as alerts: every run of an account shard lists the
 * alarms of each account-region (DescribeAlarms, paginated) and reports
 * those in ALARM (firing) and those that went back to OK within
 * `resolvedWithinMs` (resolved). The signal's time is the state change's, so
 * a state seen again is a duplicate the engine ignores, on any replica.
 */
export class CloudWatchAlarmsSource {
  constructor(
    private readonly deps: {
      accounts: AwsAccounts;
      clients: AwsClients;
      schedule: SchedulerServiceTaskScheduleDefinition;
      resolvedWithinMs: number;
      now?: () => number;
    },
  ) {}

  asSource(): CloudopsSignalSource {
    return {
      type: 'pull',
      id: ALARMS_SOURCE_ID,
      schedule: this.deps.schedule,
      shards: ({ signal }) => this.deps.accounts.shards(signal),
      read: ({ shard, signal }) => this.read(shard!, signal),
    };
  }

  read(shard: string, signal?: AbortSignal): Promise<PartialPull> {
    const since = (this.deps.now ?? Date.now)() - this.deps.resolvedWithinMs;
    return readAccounts(
      this.deps.accounts.accountsOf(shard),
      (account, region) =>
        this.deps.clients.call(
          { account, region },
          CloudWatchClient,
          async client => {
            const signals: SignalInput[] = [];
            for await (const page of paginateDescribeAlarms(
              { client, pageSize: 100 },
              { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] },
            )) {
              signal?.throwIfAborted();
              const alarms = [
                ...(page.MetricAlarms ?? []),
                ...(page.CompositeAlarms ?? []),
              ];
              for (const alarm of alarms) {
                const at = alarm.StateUpdatedTimestamp ?? new Date(0);
                if (alarm.StateValue !== 'ALARM' && at.getTime() < since)
                  continue;
                const metric = 'MetricName' in alarm ? alarm : undefined;
                const found = alarmSignal({
                  account,
                  region,
                  name: alarm.AlarmName!,
                  arn: alarm.AlarmArn!,
                  state: alarm.StateValue!,
                  reason: alarm.StateReason,
                  description: alarm.AlarmDescription,
                  timestamp: at,
                  namespace: metric?.Namespace,
                  metric: metric?.MetricName,
                  dimensions: Object.fromEntries(
                    (metric?.Dimensions ?? []).map(d => [d.Name!, d.Value!]),
                  ),
                });
                if (found) signals.push(found);
              }
            }
            return { signals, problems: [] };
          },
          signal,
        ),
    );
  }
}
