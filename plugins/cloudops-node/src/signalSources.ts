import {
  createExtensionPoint,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Rule, Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * A signal as a source hands it over; the fingerprint is computed when absent.
 *
 * @public
 */
export type SignalInput = Omit<Signal, 'fingerprint' | 'labels'> & {
  fingerprint?: string;
  labels?: Record<string, string>;
};

/**
 * Where sources deliver signals. `push` resolves once the signals are
 * committed, so a source acknowledges its own sender only after that.
 *
 * @public
 */
export interface SignalSink {
  push(signals: SignalInput[]): Promise<void>;
}

/**
 * A source of signals: pulled on a schedule, or pushing on its own (a webhook
 * receiver, an event subscriber) through the sink it is connected to.
 *
 * @public
 */
export type CloudopsSignalSource =
  | {
      type: 'pull';
      id: string;
      schedule: SchedulerServiceTaskScheduleDefinition;
      /**
       * Splits the work into shards (an AWS account, a cluster): each shard
       * becomes its own scheduled task, so backend replicas share the work,
       * no shard runs twice at once, and one shard's failure never stops the
       * others. Listed again at every `schedule.frequency`, so shards come and
       * go (new accounts, removed clusters). Without it the source is one task.
       */
      shards?(options: { signal: AbortSignal }): Promise<string[]>;
      /**
       * Reads what is new since the last run, for one shard when sharded.
       * `rules` are the rules in force, for sources that fetch what rules
       * look at (a CloudWatch metric, a PromQL query).
       */
      read(options: {
        signal: AbortSignal;
        shard?: string;
        rules: readonly Rule[];
      }): Promise<SignalInput[]>;
    }
  | {
      type: 'push';
      id: string;
      /** Called once, when the engine is ready to take signals. */
      connect(sink: SignalSink): Promise<void> | void;
    };

/**
 * Thrown by a pull source's `read` when part of a shard failed (one account
 * of a group of accounts, say) and the rest was read: the signals it carries
 * are ingested, and the run is recorded as failed with its message, so
 * detector health shows what failed without losing what succeeded.
 *
 * @public
 */
export class PartialReadError extends Error {
  constructor(message: string, readonly signals: SignalInput[]) {
    super(message);
    this.name = 'PartialReadError';
  }
}

/**
 * Whether an error is a {@link PartialReadError} (by name, so that it holds
 * across copies of this package).
 *
 * @public
 */
export function isPartialReadError(error: unknown): error is PartialReadError {
  return (
    error instanceof Error &&
    error.name === 'PartialReadError' &&
    Array.isArray((error as PartialReadError).signals)
  );
}

/**
 * Lets modules add signal sources to the CloudOps engine.
 *
 * @public
 */
export interface CloudopsSignalSourcesExtensionPoint {
  addSource(source: CloudopsSignalSource): void;
}

/** @public */
export const cloudopsSignalSourcesExtensionPoint =
  createExtensionPoint<CloudopsSignalSourcesExtensionPoint>({
    id: 'cloudops.signal-sources',
  });
