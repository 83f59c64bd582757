import { DeliveryError } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsCallError } from './AwsClients';

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
    retryable: !permanent.has((error.cause as Error)?.name ?? ''),
  });
}
