import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CloudopsActionChannel,
  DeliveryError,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsDatabase, CloudopsStores } from '../database/CloudopsDatabase';
import { ClaimedDelivery } from '../database/OutboxStore';
import { ActionOptions } from './actionOptions';
import { backoffMs } from './backoff';
import { explain, incidentLink } from './explain';
import { RemediationService } from './RemediationService';
import { ENGINE_ACTOR } from '../audit/engineActor';

const DEFAULT_CONCURRENCY = 4;

/** Runs `work` with a deadline: the signal aborts and the promise rejects when it passes. */
async function withTimeout<T>(
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeliveryError(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The attempt's lease would run out before its send could end: nothing was sent. */
class LeaseRunningOut extends Error {}

/**
 * Throws {@link LeaseRunningOut} unless a send of up to `timeoutMs` that
 * starts now ends within the delivery's lease: after the lease another
 * replica may take the delivery and send it too.
 */
function ensureLease(delivery: ClaimedDelivery, timeoutMs: number): void {
  const leftMs = Math.max(0, delivery.leaseUntil.getTime() - Date.now());
  if (leftMs < timeoutMs) {
    throw new LeaseRunningOut(
      `${leftMs} ms of its lease were left, and sending may take ${timeoutMs} ms`,
    );
  }
}

/**
 * Delivers the outbox: woken as soon as a change commits, and polling for
 * retries that come due and for work other replicas left behind. Each
 * channel has its own number of deliveries in flight, so a channel that is
 * down (its deliveries hang until their timeout, then back off) never holds
 * up another's. A delivery whose attempt dies with the process is taken
 * again when its lease runs out and sent with the same idempotency key; an
 * attempt whose lease ran short before it sent (a slow database) gives the
 * delivery back unsent.
 */
export class OutboxWorker {
  private readonly inFlight = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private polling = false;
  private again = false;
  private stopped = true;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      changes: AuditedChanges;
      catalog: CatalogSnapshot;
      channels: Map<string, CloudopsActionChannel>;
      remediations: RemediationService;
      options: ActionOptions;
      logger: LoggerService;
    },
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Stops taking work and waits for the deliveries in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.running]);
  }

  /** Looks at the outbox now (changes committed, a delivery finished). */
  wake(): void {
    if (this.stopped) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = true;
    void this.poll().finally(() => {
      this.polling = false;
    });
  }

  private async poll(): Promise<void> {
    const { options, database, logger } = this.deps;
    do {
      this.again = false;
      try {
        const full = [...this.inFlight]
          .filter(([channel, n]) => n >= this.capacityOf(channel))
          .map(([channel]) => channel);
        const free = options.delivery.batchSize - this.running.size;
        if (free <= 0) break;
        const claimed = await database.stores.outbox.claimDue({
          now: new Date(),
          leaseMs: options.delivery.timeoutMs * 2 + 5_000,
          // A step follows its automation for up to the remediation timeout.
          remediationLeaseMs:
            options.remediation.timeoutMs + options.delivery.timeoutMs + 5_000,
          limit: free,
          excludeChannels: full,
          room: channel =>
            this.capacityOf(channel) - (this.inFlight.get(channel) ?? 0),
        });
        for (const delivery of claimed) this.launch(delivery);
      } catch (error) {
        logger.error(`Could not read the action outbox: ${error}`);
      }
    } while (this.again && !this.stopped);
    await this.schedule();
  }

  /** Sleeps until the next delivery is due, at most one poll interval. */
  private async schedule(): Promise<void> {
    if (this.stopped) return;
    let waitMs = this.deps.options.delivery.pollIntervalMs;
    try {
      const due = await this.deps.database.stores.outbox.nextDueAt();
      if (due)
        waitMs = Math.min(waitMs, Math.max(0, due.getTime() - Date.now()));
    } catch {
      // polled again after the interval
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), Math.max(waitMs, 20));
    this.timer.unref?.();
  }

  private capacityOf(channel: string): number {
    return this.deps.channels.get(channel)?.concurrency ?? DEFAULT_CONCURRENCY;
  }

  private launch(delivery: ClaimedDelivery): void {
    this.inFlight.set(
      delivery.channel,
      (this.inFlight.get(delivery.channel) ?? 0) + 1,
    );
    const run = this.attempt(delivery).finally(() => {
      this.inFlight.set(
        delivery.channel,
        this.inFlight.get(delivery.channel)! - 1,
      );
      this.running.delete(run);
      this.wake();
    });
    this.running.add(run);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    try {
      if (delivery.abandoned) {
        throw new DeliveryError(
          'its last attempt never finished (the backend stopped during it)',
          { retryable: false },
        );
      }
      const result = await this.deliver(delivery);
      await this.settle(delivery, { result });
    } catch (error) {
      if (error instanceof LeaseRunningOut) {
        await this.giveBack(delivery, error);
        return;
      }
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(String((error as Error)?.message ?? error));
      await this.settle(delivery, { failure }).catch(e =>
        this.deps.logger.error(
          `Could not record a failed delivery ${delivery.id}: ${e}`,
        ),
      );
    }
  }

  private async deliver(
    delivery: ClaimedDelivery,
  ): Promise<Record<string, unknown>> {
    const { options, database, catalog } = this.deps;
    if (delivery.kind === 'remediate') {
      ensureLease(delivery, options.remediation.timeoutMs);
      await withTimeout(options.remediation.timeoutMs, signal =>
        this.deps.remediations.runStep(delivery, signal),
      );
      return {};
    }
    const channel = this.deps.channels.get(delivery.channel);
    if (!channel) {
      throw new DeliveryError(
        `No action channel "${delivery.channel}" is installed and configured (add or configure its module, then retry)`,
        { retryable: false },
      );
    }
    const { stores } = database;
    const incident = delivery.incidentId
      ? await stores.incidents.getIncident(delivery.incidentId)
      : undefined;
    if (!incident) {
      throw new DeliveryError(`Incident ${delivery.incidentId} is gone`, {
        retryable: false,
      });
    }
    const [timeline, latestRca, thread, remediation] = await Promise.all([
      stores.incidents.getTimeline(incident.id),
      stores.rca.getLatestRca(incident.id),
      stores.outbox.thread(delivery.conversation),
      delivery.payload.remediationId
        ? stores.remediations.get(delivery.payload.remediationId)
        : undefined,
    ]);
    const entity = incident.entityRef
      ? catalog.index.get(incident.entityRef)
      : undefined;
    const rca = explain(incident, timeline, latestRca?.rca);
    ensureLease(delivery, options.delivery.timeoutMs);
    const { result } = await withTimeout(options.delivery.timeoutMs, signal =>
      channel.deliver({
        id: delivery.id,
        idempotencyKey: delivery.idempotencyKey,
        attempt: delivery.attempts,
        redelivery: delivery.redelivery,
        kind: delivery.kind as 'notify' | 'ticket',
        event: delivery.event,
        target: delivery.target,
        incident,
        entity: entity && {
          ref: entity.ref,
          title: entity.title,
          environment: entity.environment,
          ownerRef: entity.ownerRef,
        },
        links: { incident: incidentLink(options.appBaseUrl, incident) },
        rca: rca.headline || rca.evidence.length ? rca : undefined,
        thread,
        remediation,
        signal,
      }),
    );
    return result ?? {};
  }

  /** Hands back a delivery this attempt did not send, for another attempt at once. */
  private async giveBack(
    delivery: ClaimedDelivery,
    reason: LeaseRunningOut,
  ): Promise<void> {
    const { database, logger } = this.deps;
    try {
      const released = await database.stores.outbox.release(
        delivery.id,
        delivery.attempts,
        delivery.leaseUntil,
        new Date(),
      );
      logger.warn(
        `Delivery ${delivery.id} to ${delivery.channel} was not sent: ${
          reason.message
        }; ${released ? 'it is due again' : 'another attempt has taken it'}`,
      );
    } catch (error) {
      logger.error(
        `Could not give back the unsent delivery ${delivery.id} (taken again when its lease runs out): ${error}`,
      );
    }
  }

  /** Records how an attempt ended: delivered, retried later, or dead. */
  private async settle(
    delivery: ClaimedDelivery,
    end: { result: Record<string, unknown> } | { failure: DeliveryError },
  ): Promise<void> {
    const { options, remediations } = this.deps;
    const now = new Date();
    const where = `${delivery.channel}${
      delivery.target ? ` ${delivery.target}` : ''
    }`;
    if ('result' in end) {
      await this.record(
        delivery,
        'action-delivered',
        {},
        stores =>
          stores.outbox.markDelivered(
            delivery.id,
            delivery.attempts,
            end.result,
            now,
          ),
        delivery.kind === 'remediate'
          ? undefined
          : {
              message: `${
                delivery.kind === 'ticket' ? 'Ticket' : 'Notification'
              } (${delivery.event}) delivered to ${where}`,
              data: { result: end.result },
            },
      );
      return;
    }
    const { failure } = end;
    const dead =
      !failure.retryable || delivery.attempts >= delivery.maxAttempts;
    if (!dead) {
      const retryAt = new Date(
        now.getTime() +
          backoffMs(delivery.attempts, {
            initialMs: options.delivery.initialBackoffMs,
            maxMs: options.delivery.maxBackoffMs,
            retryAfterMs: failure.retryAfterMs,
          }),
      );
      await this.deps.database.stores.outbox.markFailed(
        delivery.id,
        delivery.attempts,
        { error: failure.message, retryAt },
        now,
      );
      return;
    }
    const settled = await this.record(
      delivery,
      'action-dead-letter',
      { error: failure.message },
      stores =>
        stores.outbox.markFailed(
          delivery.id,
          delivery.attempts,
          { error: failure.message, dead: true },
          now,
        ),
      {
        message: `${delivery.kind} (${delivery.event}) to ${where} failed after ${delivery.attempts} attempt(s): ${failure.message}`,
        data: { dead: true },
      },
    );
    // Only the attempt that settled it (another replica may have too).
    if (settled && delivery.kind === 'remediate') {
      await remediations.stepDead(delivery, failure.message);
    }
  }

  /**
   * Settles a delivery and, when this attempt was the one that settled it,
   * audits it and adds it to the incident's timeline, in one transaction.
   * Returns whether it was.
   */
  private async record(
    delivery: ClaimedDelivery,
    action: string,
    meta: Record<string, string>,
    mark: (stores: CloudopsStores) => Promise<boolean>,
    timeline?: { message: string; data: Record<string, unknown> },
  ): Promise<boolean> {
    return this.deps.changes.run(
      {
        action,
        actor: ENGINE_ACTOR,
        target: delivery.id,
        meta: {
          channel: delivery.channel,
          event: delivery.event,
          attempts: delivery.attempts,
          ...meta,
        },
      },
      async stores => {
        const settled = await mark(stores);
        if (!settled || !timeline || !delivery.incidentId) return settled;
        await stores.incidents.appendEvent(delivery.incidentId, {
          type: 'action',
          actor: ENGINE_ACTOR,
          message: timeline.message,
          data: {
            deliveryId: delivery.id,
            channel: delivery.channel,
            ...timeline.data,
          },
          createdAt: new Date(),
        });
        return settled;
      },
    );
  }
}
