import { LoggerService } from '@backstage/backend-plugin-api';
import { CloudopsAuditExtensionPoint } from './audit';

/**
 * At most one audit entry for rejected requests per this long (per backend
 * replica), unless {@link RejectedRequests} is given another interval.
 *
 * @public
 */
export const REJECTED_AUDIT_INTERVAL_MS = 60_000;

/**
 * Options of {@link RejectedRequests}.
 *
 * @public
 */
export interface RejectedRequestsOptions {
  /** Where entries go: the audit extension point (or anything with its `audit`). */
  audit: Pick<CloudopsAuditExtensionPoint, 'audit'>;
  logger: LoggerService;
  /** The entries' `action`, e.g. `slack-interaction`. */
  action: string;
  /** The entries' `actor`, e.g. `slack:unverified`. */
  actor: string;
  /** What was refused, for the log: `Refused <request> from <ip>: <reason>`. */
  request: string;
  /** Defaults to {@link REJECTED_AUDIT_INTERVAL_MS}. */
  intervalMs?: number;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/**
 * Audits requests a module's unauthenticated route refuses (a bad signature
 * or credentials) without letting callers who know no secret grow the
 * append-only audit log without bound: every one is logged, but only the
 * first and then at most one per interval are written to the audit log
 * (`outcome: failed`, `meta: { reason, ip, rejected }` and the request's own
 * `meta`), `rejected` being how many requests the entry stands for (itself
 * and those left out since the entry before). Requests left out after the
 * last entry are counted in the next one. Recording never throws, so a
 * refusal stands when the audit log fails: the failure is logged, and the
 * requests of the entry that could not be written are counted in the next
 * one (tried no sooner than an interval later, so that a failing audit log
 * is not written to at every refusal). Keep one per route, for the life of
 * the backend.
 *
 * @public
 */
export class RejectedRequests {
  private lastEntryAt?: number;
  private notAudited = 0;

  constructor(private readonly options: RejectedRequestsOptions) {}

  /** Logs a refused request and audits it when the interval allows. */
  async record(request: {
    reason: string;
    ip: string | null;
    /** More of what the entry shows, e.g. whose credentials were used. */
    meta?: Record<string, unknown>;
  }): Promise<void> {
    const { reason, ip, meta } = request;
    const { logger, action, actor, intervalMs, now } = this.options;
    logger.warn(
      `Refused ${this.options.request} from ${
        ip ?? 'an unknown address'
      }: ${reason}`,
    );
    this.notAudited += 1;
    const at = (now ?? Date.now)();
    if (
      this.lastEntryAt !== undefined &&
      at - this.lastEntryAt < (intervalMs ?? REJECTED_AUDIT_INTERVAL_MS)
    ) {
      return;
    }
    this.lastEntryAt = at;
    const rejected = this.notAudited;
    this.notAudited = 0;
    try {
      await this.options.audit.audit({
        action,
        actor,
        outcome: 'failed',
        meta: { ...meta, reason, ip, rejected },
      });
    } catch (error) {
      this.notAudited += rejected;
      logger.error(
        `Could not audit ${rejected} refused request(s) (${action}, ${actor}); the next entry counts them`,
        error as Error,
      );
    }
  }
}
