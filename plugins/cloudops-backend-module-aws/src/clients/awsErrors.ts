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

const NOT_AUTHORIZED = /AccessDenied|Unauthorized|NotAuthorized/;

/**
 * What went wrong with an AWS call, in our words and by the error's code,
 * without AWS's message (which can name accounts, ARNs and roles), for text
 * people see: `was refused: not authorized (AccessDeniedException)`.
 */
export function awsErrorInOurWords(error: unknown): string {
  const e = error as SdkError & Error & { code?: string };
  const code =
    (e?.name && e.name !== 'Error' ? e.name : e?.code) ?? 'an unnamed error';
  if (NOT_AUTHORIZED.test(code)) return `was refused: not authorized (${code})`;
  if (isThrottlingError(e as any)) {
    return `was throttled, also after retries (${code})`;
  }
  if (isServerError(e as any) || isTransientError(e as any)) {
    return `failed on AWS's side or on the way there, also after retries (${code})`;
  }
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return status >= 400 && status < 500
    ? `was refused by AWS (${code})`
    : `failed (${code})`;
}
