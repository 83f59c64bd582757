import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { RemediationRequest } from '@cloudops-ai/backstage-plugin-cloudops-common';

/** The scheduled task that ends expired approval waits. */
export const APPROVAL_EXPIRY_TASK = 'cloudops:remediation-approval-expiry';

/** Whether the request's wait for approvals is over at `now`. */
export function approvalExpired(
  request: Pick<RemediationRequest, 'approvalExpiresAt'>,
  now: Date,
): boolean {
  return (
    !!request.approvalExpiresAt &&
    Date.parse(request.approvalExpiresAt) <= now.getTime()
  );
}

/**
 * Refuses (409) a decision on a request that does not await one: decided or
 * ended already, or past its approval expiry though the sweep has not ended
 * it yet.
 */
export function checkDecidable(
  request: Pick<RemediationRequest, 'id' | 'state' | 'approvalExpiresAt'>,
  now: Date,
): void {
  if (
    request.state === 'expired' ||
    (request.state === 'awaiting-approval' && approvalExpired(request, now))
  ) {
    throw new ConflictError(
      `Remediation request ${request.id} expired at ${request.approvalExpiresAt} without its approvals; request it again to run it`,
    );
  }
  if (request.state !== 'awaiting-approval') {
    throw new ConflictError(
      `Remediation request ${request.id} is ${request.state}, not awaiting approval`,
    );
  }
}

/** Ends expired approval waits every minute, on one replica at a time. */
export async function scheduleApprovalExpiry(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  remediations: { endExpiredApprovals(now: Date): Promise<number> };
}): Promise<void> {
  await options.scheduler.scheduleTask({
    id: APPROVAL_EXPIRY_TASK,
    scope: 'global',
    frequency: { minutes: 1 },
    timeout: { minutes: 5 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const ended = await options.remediations.endExpiredApprovals(new Date());
      if (ended > 0) {
        options.logger.info(
          `Ended ${ended} remediation request(s) whose approval expired`,
        );
      }
    },
  });
}
