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
 * One delivery a push source received, for detector health: accepted
 * (`items` signals) or refused (`error`: a malformed body, an unknown sender).
 *
 * @public
 */
export interface PushDelivery {
  /** What the delivery came from: a receiver, a cluster. */
  shard: string;
  startedAt: Date;
  items: number;
  /** Why the delivery failed; absent when it succeeded. */
  error?: string;
}

/**
 * Where sources deliver signals. `push` resolves once the signals are
 * committed, so a source acknowledges its own sender only after that.
 *
 * @public
 */
export interface SignalSink {
  push(signals: SignalInput[]): Promise<void>;
  /**
   * Records a delivery in detector health (`GET /detectors/health`, as
   * detector `<source id>` and the delivery's shard). Provided by the
   * CloudOps backend; never throws.
   */
  report?(delivery: PushDelivery): Promise<void>;
}

/**
 * What one pull brought when part of it failed (a rule's query that the
 * server rejected, one account of a group of accounts): the signals it did
 * get are ingested, and the run is recorded as failed with the problems, so
 * detector health shows what failed without losing what succeeded.
 *
 * @public
 */
export interface PartialPull {
  signals: SignalInput[];
  /** What failed, each naming what it was about. */
  problems: string[];
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
       * look at (a CloudWatch metric, a PromQL query). Throw when the shard
       * cannot be read at all; return a {@link PartialPull} when only part
       * of it failed.
       */
      read(options: {
        signal: AbortSignal;
        shard?: string;
        rules: readonly Rule[];
      }): Promise<SignalInput[] | PartialPull>;
    }
  | {
      type: 'push';
      id: string;
      /** Called once, when the engine is ready to take signals. */
      connect(sink: SignalSink): Promise<void> | void;
    };

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
