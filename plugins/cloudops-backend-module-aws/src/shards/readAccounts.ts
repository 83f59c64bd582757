import {
  PartialPull,
  SignalInput,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { describeAwsError } from '../clients/awsErrors';
import { AwsAccount } from '../accounts/AwsAccounts';

/** Every account-region of a shard's accounts. */
export function accountRegions(
  accounts: AwsAccount[],
): Array<{ account: string; region: string }> {
  return accounts.flatMap(a =>
    a.regions.map(region => ({ account: a.accountId, region })),
  );
}

/** What failed in an account-region, saying where. */
export function targetFailure(
  target: { account: string; region: string },
  reason: unknown,
): string {
  const message = (reason as Error)?.message;
  // Errors of AWS calls already say where they happened.
  return message?.startsWith(target.account)
    ? message
    : `${target.account} ${target.region}: ${describeAwsError(reason)}`;
}

/** One error for the failures of a shard's run. */
export function failuresError(failures: string[], targets: number): Error {
  return new Error(
    failures.length === 1
      ? failures[0]
      : `${
          failures.length
        } of ${targets} account-regions failed: ${failures.join('; ')}`,
  );
}

/**
 * Reads every account-region of a shard at once (the AWS calls themselves
 * are bounded by the clients), so that one account failing never stops the
 * others: what was read is delivered, and what failed is named in the
 * pull's problems, so the run is recorded as failed. Throws only when
 * nothing could be read.
 */
export async function readAccounts(
  accounts: AwsAccount[],
  read: (account: string, region: string) => Promise<PartialPull>,
): Promise<PartialPull> {
  const targets = accountRegions(accounts);
  const outcomes = await Promise.allSettled(
    targets.map(t => read(t.account, t.region)),
  );
  const signals: SignalInput[] = [];
  const failures: string[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') {
      signals.push(...outcome.value.signals);
      failures.push(...outcome.value.problems);
    } else {
      failures.push(targetFailure(targets[i], outcome.reason));
    }
  });
  if (
    signals.length === 0 &&
    failures.length > 0 &&
    failures.length >= targets.length
  ) {
    throw failuresError(failures, targets.length);
  }
  return { signals, problems: failures };
}
