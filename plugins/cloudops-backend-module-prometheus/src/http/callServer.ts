import { Credentials, ServerOptions } from '../config';

/**
 * Why a call to Prometheus or Alertmanager failed. `unreachable`, `timeout`,
 * `unauthorized` and `server` are the server's trouble; `rejected` and
 * `too-large` are the request's (a bad or too broad query).
 */
export type ServerErrorReason =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'server'
  | 'rejected'
  | 'too-large';

/** A failed call, with a message that says what and where. */
export class ServerError extends Error {
  constructor(message: string, readonly reason: ServerErrorReason) {
    super(message);
    this.name = 'ServerError';
  }

  /** Whether the server, rather than one request, is in trouble. */
  get serverWide(): boolean {
    return !['rejected', 'too-large'].includes(this.reason);
  }
}

/** The `Authorization` header for credentials. */
export function authorizationHeader(credentials: Credentials): string {
  return credentials.type === 'bearer'
    ? `Bearer ${credentials.token}`
    : `Basic ${Buffer.from(
        `${credentials.username}:${credentials.password}`,
      ).toString('base64')}`;
}

export interface ServerRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path and query, e.g. `/api/v1/query_range`. */
  path: string;
  form?: Record<string, string>;
  json?: unknown;
  signal?: AbortSignal;
  timeoutMs: number;
  /** The largest response body read; more fails with `too-large`. */
  maxBytes: number;
}

async function readCapped(
  response: Response,
  maxBytes: number,
  what: string,
): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ServerError(
        `${what} sent more than ${maxBytes} bytes: narrow the query (fewer series, a shorter range or a longer step) or raise cloudops.prometheus.query.maxResponseBytes`,
        'too-large',
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  return cause?.message ?? cause?.code ?? String(error);
}

/**
 * One HTTP call to a configured server, with its credentials and headers,
 * a deadline, and a cap on the response size. Resolves with any HTTP
 * status; rejects with a {@link ServerError} when no answer could be read.
 */
export async function callServer(
  server: ServerOptions,
  what: string,
  request: ServerRequest,
): Promise<{ status: number; body: string }> {
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal
    ? AbortSignal.any([request.signal, deadline])
    : deadline;
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...server.headers,
  };
  if (server.credentials) {
    headers.authorization = authorizationHeader(server.credentials);
  }
  let body: string | undefined;
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  } else if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }
  try {
    const response = await fetch(`${server.url}${request.path}`, {
      method: request.method,
      headers,
      body,
      signal,
      redirect: 'error',
    });
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new ServerError(
        `${what} answered ${response.status} ${response.statusText}: check the configured credentials`,
        'unauthorized',
      );
    }
    return {
      status: response.status,
      body: await readCapped(response, request.maxBytes, what),
    };
  } catch (error) {
    if (error instanceof ServerError) throw error;
    if (deadline.aborted) {
      throw new ServerError(
        `${what} did not answer within ${request.timeoutMs / 1000}s`,
        'timeout',
      );
    }
    if (request.signal?.aborted) throw error;
    throw new ServerError(
      `${what} is unreachable: ${describeFetchError(error)}`,
      'unreachable',
    );
  }
}
