import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  DAY_MS,
  PostChangeObservation,
  WasteDetector,
  WasteDetectorContext,
  WasteFinding,
  WasteObservationContext,
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

/** Measures changed opportunities of one account-region after their change. */
export type RegionObserve = (
  target: WasteTarget,
  opportunities: WasteObservationContext['opportunities'],
  context: WasteObservationContext,
) => Promise<PostChangeObservation[]>;

/**
 * Runs `run` on every target at once; fails as a whole, naming each
 * failure, when any target failed.
 */
async function everyTarget<T>(
  targets: WasteTarget[],
  run: (target: WasteTarget) => Promise<T[]>,
): Promise<T[]> {
  const outcomes = await Promise.allSettled(targets.map(run));
  const results: T[] = [];
  const failures: string[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') results.push(...outcome.value);
    else failures.push(targetFailure(targets[i], outcome.reason));
  });
  if (failures.length > 0) {
    throw failuresError(failures, targets.length);
  }
  return results;
}

/**
 * The context for one account-region: its prices in the account's currency
 * (a shard may hold several accounts, so the shard does not say which).
 */
function inAccount<C extends WasteDetectorContext>(
  context: C,
  target: WasteTarget,
): C {
  return {
    ...context,
    prices: (region: string, account = target.account) =>
      context.prices(region, account),
  };
}

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
 * bounded by the clients), each priced in its account's currency. The
 * findings of a run replace the shard's previous ones (an opportunity not
 * found again expires), so a run where any account-region failed fails as
 * a whole, naming each failure, and keeps the opportunities as they were.
 * Changed opportunities are measured in their own account-region (from
 * their resource), the same way.
 */
export function awsWasteDetector(options: {
  id: string;
  accounts: AwsAccounts;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  scan: RegionScan;
  /** Post-change measurement, for the engine's validation. */
  observe?: RegionObserve;
}): WasteDetector {
  return {
    id: options.id,
    schedule: options.schedule,
    shards: ({ signal }) => options.accounts.shards(signal),
    detect: async context => {
      // The shard's accounts from a current listing (Organizations may have
      // added accounts since this replica last listed them).
      await options.accounts.list(context.signal);
      const accounts = options.accounts.accountsOf(context.shard!);
      if (accounts.length === 0) {
        // Finding nothing would expire the shard's opportunities; a shard no
        // longer listed is the engine's sweep's to expire.
        throw new Error(
          `Shard ${context.shard} has no accounts in the current listing, so it was not scanned and its opportunities are kept`,
        );
      }
      return everyTarget(accountRegions(accounts), target =>
        options.scan(target, inAccount(context, target)),
      );
    },
    observe:
      options.observe &&
      (context => {
        const observe = options.observe!;
        const groups = new Map<
          string,
          WasteObservationContext['opportunities']
        >();
        for (const o of context.opportunities) {
          const key = `${o.resource.account}|${o.resource.region}`;
          groups.set(key, [...(groups.get(key) ?? []), o]);
        }
        const targets = [...groups.keys()].map(key => {
          const [account, region] = key.split('|');
          return { account, region };
        });
        return everyTarget(targets, target =>
          observe(
            target,
            groups.get(`${target.account}|${target.region}`)!,
            inAccount(context, target),
          ),
        );
      }),
  };
}
