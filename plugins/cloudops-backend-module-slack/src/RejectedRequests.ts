import { LoggerService } from '@backstage/backend-plugin-api';
import { CloudopsActionsEngine } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** At most one audit entry for rejected requests per this long (per backend replica). */
export const REJECTED_AUDIT_INTERVAL_MS = 60_000;

/**
 * Audits requests whose Slack signature fails, without letting callers who
 * know no secret grow the append-only audit log without bound: every one is
 * logged, but only the first and then at most one per
 * {@link REJECTED_AUDIT_INTERVAL_MS} are written to the audit log
 * (`slack-interaction`, failed), each with `rejected`: how many requests it
 * stands for (itself and those left out since the entry before). Requests
 * left out after the last entry are counted in the next one.
 */
export class RejectedRequests {
  private lastEntryAt?: number;
  private notAudited = 0;

  constructor(
    private readonly deps: {
      logger: LoggerService;
      /** Milliseconds since the epoch; tests pass their own clock. */
      now?: () => number;
    },
  ) {}

  async record(
    engine: CloudopsActionsEngine,
    request: { reason: string; ip: string | null },
  ): Promise<void> {
    const { reason, ip } = request;
    this.deps.logger.warn(
      `Refused a Slack interaction from ${
        ip ?? 'an unknown address'
      }: ${reason}`,
    );
    this.notAudited += 1;
    const now = (this.deps.now ?? Date.now)();
    if (
      this.lastEntryAt !== undefined &&
      now - this.lastEntryAt < REJECTED_AUDIT_INTERVAL_MS
    ) {
      return;
    }
    this.lastEntryAt = now;
    const rejected = this.notAudited;
    this.notAudited = 0;
    await engine.audit({
      action: 'slack-interaction',
      actor: 'slack:unverified',
      outcome: 'failed',
      meta: { reason, ip, rejected },
    });
  }
}
