import {
  PartialPull,
  SignalInput,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { describeAwsError } from '../clients/awsErrors';
import { AwsAccount } from '../accounts/AwsAccounts';

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
  const targets = accounts.flatMap(a =>
    a.regions.map(region => ({ account: a.accountId, region })),
  );
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
      const { account, region } = targets[i];
      const reason = outcome.reason as Error;
      // Errors of AWS calls already say where they happened.
      failures.push(
        reason?.message?.startsWith(account)
          ? reason.message
          : `${account} ${region}: ${describeAwsError(reason)}`,
      );
    }
  });
  if (
    signals.length === 0 &&
    failures.length > 0 &&
    failures.length >= targets.length
  ) {
    throw new Error(
      failures.length === 1
        ? failures[0]
        : `${failures.length} of ${
            targets.length
          } account-regions failed: ${failures.join('; ')}`,
    );
  }
  return { signals, problems: failures };
}
