import {
  isServerError,
  isThrottlingError,
  isTransientError,
} from '@smithy/core/retry';

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const EXPIRED = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
]);

/** AWS said the session's credentials expired (possibly before their time). */
export function isExpiredCredentials(error: unknown): boolean {
  return EXPIRED.has((error as SdkError)?.name ?? '');
}

/** Worth another round after the SDK's own retries: throttling, 5xx, network. */
export function isRetryable(error: unknown): boolean {
  const e = error as SdkError & Error;
  if (!e || typeof e !== 'object' || e.name === 'AbortError') return false;
  return (
    isThrottlingError(e as any) ||
    isTransientError(e as any) ||
    isServerError(e as any)
  );
}

/** `AccessDenied: User … is not authorized …` */
export function describeAwsError(error: unknown): string {
  const e = error as SdkError;
  const message = e?.message ?? String(error);
  return e?.name && e.name !== 'Error' && !message.startsWith(e.name)
    ? `${e.name}: ${message}`
    : message;
}
