import {
  isPartialReadError,
  PartialReadError,
  SignalInput,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { describeAwsError } from '../clients/awsErrors';
import { AwsAccount } from '../accounts/AwsAccounts';

/**
 * Reads every account-region of a shard at once (the AWS calls themselves
 * are bounded by the clients), so that one account failing never stops the
 * others: when some fail, what the others read is still delivered
 * ({@link PartialReadError}) and the run is recorded as failed, naming the
 * accounts and why.
 */
export async function readAccounts(
  accounts: AwsAccount[],
  read: (account: string, region: string) => Promise<SignalInput[]>,
): Promise<SignalInput[]> {
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
      signals.push(...outcome.value);
    } else {
      if (isPartialReadError(outcome.reason)) {
        signals.push(...outcome.reason.signals);
      }
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
  if (failures.length === 0) return signals;
  const message =
    failures.length === 1
      ? failures[0]
      : `${failures.length} of ${
          targets.length
        } account-regions failed: ${failures.join('; ')}`;
  if (signals.length === 0 && failures.length === targets.length) {
    throw new Error(message);
  }
  throw new PartialReadError(message, signals);
}
