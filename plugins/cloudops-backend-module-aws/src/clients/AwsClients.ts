import { LoggerService } from '@backstage/backend-plugin-api';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import pLimit from 'p-limit';
import { AccountCredentials } from './AccountCredentials';
import {
  describeAwsError,
  isExpiredCredentials,
  isRetryable,
} from './awsErrors';

/** Where a call goes: an account (undefined: the main account) and a region. */
export interface AwsTarget {
  account?: string;
  region: string;
}

/** What the module needs of an SDK v3 client class. */
export type AwsClientClass<C> = new (config: {
  region: string;
  credentials: () => Promise<any>;
  maxAttempts: number;
  customUserAgent: string;
}) => C & { destroy(): void };

/** Rounds of SDK retries after the first, for throttling and server errors. */
const EXTRA_ROUNDS = 3;
const BASE_BACKOFF_MS = 1000;

/** An error of a call to AWS, saying which account and region it was. */
export class AwsCallError extends Error {
  constructor(readonly target: AwsTarget, readonly cause: unknown) {
    super(
      `${target.account ?? 'main account'} ${target.region}: ${describeAwsError(
        cause,
      )}`,
    );
    this.name = 'AwsCallError';
  }
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * SDK v3 clients per account and region, with the credentials of each
 * account (assumed roles), and the rules every AWS call of the module
 * follows: at most `maxConcurrentCalls` in flight per replica, the SDK's
 * standard retries (`maxAttempts`) plus a few rounds with backoff for
 * throttling and server errors, and one retry with fresh credentials when
 * AWS says a session expired. Endpoints are the SDK's own (including its
 * `AWS_ENDPOINT_URL_<SERVICE>` settings).
 */
export class AwsClients {
  private readonly clients = new Map<string, { destroy(): void }>();
  private readonly credentials: AccountCredentials;
  private readonly limit: ReturnType<typeof pLimit>;

  constructor(
    private readonly options: {
      credentialsManager: AwsCredentialsManager;
      maxConcurrentCalls: number;
      maxAttempts: number;
      logger: LoggerService;
      /** The first backoff after the SDK gave up, doubled each round (default 1 s). */
      backoffMs?: number;
    },
  ) {
    this.credentials = new AccountCredentials(options.credentialsManager);
    this.limit = pLimit(options.maxConcurrentCalls);
  }

  private client<C>(Client: AwsClientClass<C>, target: AwsTarget): C {
    const key = `${Client.name}|${target.account ?? ''}|${target.region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new Client({
        region: target.region,
        credentials: () => this.credentials.get(target.account),
        maxAttempts: this.options.maxAttempts,
        customUserAgent: 'backstage-cloudops',
      });
      this.clients.set(key, client);
    }
    return client as C;
  }

  private forget(account: string | undefined) {
    this.credentials.invalidate(account);
    for (const [key, client] of this.clients) {
      if (key.split('|')[1] === (account ?? '')) {
        client.destroy();
        this.clients.delete(key);
      }
    }
  }

  /**
   * Makes one call (which may page) with the client of `target`. Fails with
   * an {@link AwsCallError} naming the account and region.
   */
  async call<C, T>(
    target: AwsTarget,
    Client: AwsClientClass<C>,
    fn: (client: C) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    let refreshed = false;
    for (let round = 0; ; round++) {
      try {
        signal?.throwIfAborted();
        return await this.limit(() => {
          signal?.throwIfAborted();
          return fn(this.client(Client, target));
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason ?? error;
        if (isExpiredCredentials(error) && !refreshed) {
          refreshed = true;
          this.options.logger.info(
            `AWS credentials of ${
              target.account ?? 'the main account'
            } expired early; assuming the role again`,
          );
          this.forget(target.account);
          round--;
          continue;
        }
        if (isRetryable(error) && round < EXTRA_ROUNDS) {
          const backoff =
            (this.options.backoffMs ?? BASE_BACKOFF_MS) * 2 ** round;
          await sleep(backoff / 2 + Math.random() * backoff, signal);
          continue;
        }
        throw new AwsCallError(target, error);
      }
    }
  }

  destroy() {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
