import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  DAY_MS,
  WasteDetector,
  WasteDetectorContext,
  WasteFinding,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsAccounts } from '../accounts/AwsAccounts';
import {
  accountRegions,
  failuresError,
  targetFailure,
} from '../shards/readAccounts';

/** One account-region of a shard, as a detector's scan sees it. */
export interface WasteTarget {
  account: string;
  region: string;
}

/** Finds the waste of one kind of resource in one account-region. */
export type RegionScan = (
  target: WasteTarget,
  context: WasteDetectorContext,
) => Promise<WasteFinding[]>;

/**
 * The window usage is read over: whole UTC days back from the start of
 * today (the detection functions judge complete days), up to the last
 * complete hour (right-sizing looks at today too).
 */
export function usageWindow(
  now: Date,
  days: number,
): { start: Date; end: Date } {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const hour = 3_600_000;
  return {
    start: new Date(today - days * DAY_MS),
    end: new Date(Math.floor(now.getTime() / hour) * hour),
  };
}

/**
 * A waste detector over the module's accounts: one scheduled task per
 * account shard (the shards of the CloudWatch detectors), scanning every
 * account-region of the shard at once (the AWS calls themselves are
 * bounded by the clients). The findings of a run replace the shard's
 * previous ones (an opportunity not found again expires), so a run where
 * any account-region failed fails as a whole, naming each failure, and
 * keeps the opportunities as they were.
 */
export function awsWasteDetector(options: {
  id: string;
  accounts: AwsAccounts;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  scan: RegionScan;
}): WasteDetector {
  return {
    id: options.id,
    schedule: options.schedule,
    shards: ({ signal }) => options.accounts.shards(signal),
    async detect(context) {
      const targets = accountRegions(
        options.accounts.accountsOf(context.shard!),
      );
      const outcomes = await Promise.allSettled(
        targets.map(t => options.scan(t, context)),
      );
      const findings: WasteFinding[] = [];
      const failures: string[] = [];
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'fulfilled') findings.push(...outcome.value);
        else failures.push(targetFailure(targets[i], outcome.reason));
      });
      if (failures.length > 0) {
        throw failuresError(failures, targets.length);
      }
      return findings;
    },
  };
}
