import { DeliveryError } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsCallError } from './AwsClients';
import { awsErrorInOurWords } from './awsErrors';

/**
 * Whether another attempt may get past a failed call: its SDK error name is
 * not one of `permanent`.
 */
function retryable(error: AwsCallError, permanent: ReadonlySet<string>) {
  return !permanent.has((error.cause as Error)?.name ?? '');
}

/**
 * An AWS call's failure as the dispatcher takes it: refusals no retry can
 * fix (`permanent`, by the SDK's error name) go to the dead letters at
 * once; the rest (throttling and server errors the SDK and the module have
 * already retried) are tried again with backoff.
 */
export function asDeliveryError(
  service: string,
  error: unknown,
  permanent: ReadonlySet<string>,
): unknown {
  if (!(error instanceof AwsCallError)) return error;
  return new DeliveryError(`${service} ${error.message}`, {
    retryable: retryable(error, permanent),
  });
}

/**
 * {@link asDeliveryError} for failures people see (outcome summaries,
 * timelines): which call failed where, in our words and by the error's
 * code, without AWS's message, which can name accounts, ARNs and roles
 * (the caller logs it).
 */
export function asRedactedDeliveryError(
  service: string,
  operation: string,
  error: unknown,
  permanent: ReadonlySet<string>,
): unknown {
  if (!(error instanceof AwsCallError)) return error;
  const { account, region } = error.target;
  return new DeliveryError(
    `${service} ${operation} in ${
      account ?? 'the main account'
    } ${region} ${awsErrorInOurWords(
      error.cause,
    )}; the backend's log has AWS's message`,
    { retryable: retryable(error, permanent) },
  );
}
