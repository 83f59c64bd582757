import { DeliveryError } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** A response whose status was 2xx. */
export interface HttpResponse {
  status: number;
  body: any;
  headers: Headers;
}

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Sends a request and reads a JSON (or empty) answer. Failures become
 * {@link DeliveryError}s: network errors, 408, 409, 429 and 5xx are
 * retryable (429 and 503 with the receiver's Retry-After), any other 4xx is
 * permanent, with the receiver's explanation.
 */
export async function sendHttp(
  what: string,
  url: string,
  init: {
    method: string;
    headers?: Record<string, string>;
    body?: unknown;
    rawBody?: string;
    signal: AbortSignal;
  },
): Promise<HttpResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined || init.rawBody !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
        ...init.headers,
      },
      body:
        init.rawBody ??
        (init.body === undefined ? undefined : JSON.stringify(init.body)),
      signal: init.signal,
    });
  } catch (error) {
    throw new DeliveryError(`${what}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: any = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (response.ok) {
    return { status: response.status, body, headers: response.headers };
  }
  const detail = typeof body === 'string' ? body : JSON.stringify(body ?? {});
  const message = `${what}: HTTP ${response.status} ${detail.slice(0, 500)}`;
  const retryable =
    response.status >= 500 || [408, 409, 429].includes(response.status);
  throw new DeliveryError(message, {
    retryable,
    retryAfterMs: retryAfterMs(response.headers),
  });
}

/** `Authorization: Basic …` for a user and password or API token. */
export function basicAuth(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
}
