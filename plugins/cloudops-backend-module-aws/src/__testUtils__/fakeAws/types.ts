import { AwsFault } from './AwsFault';
import { Identity } from './FakeIdentities';

/** A request as the fake received it, already authenticated. */
export interface FakeRequest {
  method: string;
  /** The path as sent (still percent-encoded). */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** What a service handler knows about the call it answers. */
export interface CallContext {
  identity: Identity;
  /** The account the call acts in (the caller's). */
  accountId: string;
  region: string;
  requestId: string;
  /** Aborted when the fake stops (ends long polls). */
  signal: AbortSignal;
  /** The base URL of the fake, e.g. `http://127.0.0.1:4566`. */
  endpoint: string;
}

/** The error codes a protocol uses for authentication and authorization. */
export interface AuthErrorCodes {
  invalidToken: string;
  expired: string;
  accessDenied: string;
  throttling: string;
  /** The HTTP status of throttling: 400 unless the protocol says (REST-JSON: 429). */
  throttlingStatus?: number;
}

/**
 * One AWS service of the fake, speaking its wire protocol. Services are
 * found by the SigV4 signing name of a request's credential scope.
 */
export interface FakeService {
  /** The SigV4 signing name: `monitoring`, `logs`, `sts`, … */
  signingName: string;
  /** The IAM action prefix: `cloudwatch`, `logs`, `sts`, … */
  iamPrefix: string;
  codes: AuthErrorCodes;
  /** The operation a request calls, or undefined when it names none. */
  operation(request: FakeRequest): string | undefined;
  handle(
    operation: string,
    request: FakeRequest,
    context: CallContext,
  ): Promise<FakeResponse>;
  /** Encodes an error in the protocol's shape. */
  error(fault: AwsFault, requestId: string): FakeResponse;
}
