import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CloudopsAuditExtensionPoint,
  RejectedRequests,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ReceiverOptions } from '../config';

/**
 * The receiver's refusals in the append-only audit log, each kind within its
 * own bound ({@link RejectedRequests}): refused credentials (the 401s, actor
 * `alertmanager:unverified`), and a receiver's credentials used for another
 * receiver (the 403s), bounded per credentials so that one misconfigured
 * Alertmanager hides no other (actor `alertmanager:<receivers>`, the ones
 * whose credentials they are; `meta.receiver` the one the notification
 * named, `meta.username` the basic auth user). Never the secret itself.
 */
export function webhookRefusals(options: {
  audit: CloudopsAuditExtensionPoint;
  logger: LoggerService;
  now?: () => number;
}) {
  const bound = (actor: string) =>
    new RejectedRequests({
      audit: options.audit,
      logger: options.logger,
      action: 'alertmanager-webhook',
      actor,
      request: 'an Alertmanager notification',
      now: options.now,
    });
  const unverified = bound('alertmanager:unverified');
  // One per set of receivers that share credentials: no more than receivers.
  const forbidden = new Map<string, RejectedRequests>();

  return {
    unauthenticated(reason: string, ip: string | null): Promise<void> {
      return unverified.record({ reason, ip });
    },

    /** `callers`: the receivers whose credentials the request carries. */
    forbidden(
      callers: readonly ReceiverOptions[],
      receiver: string,
      ip: string | null,
    ): Promise<void> {
      const names = callers.map(c => c.name);
      const key = JSON.stringify(names);
      let refusals = forbidden.get(key);
      if (!refusals) {
        refusals = bound(`alertmanager:${names.join(',')}`);
        forbidden.set(key, refusals);
      }
      const { credentials } = callers[0];
      return refusals.record({
        reason: `not the credentials of receiver ${JSON.stringify(
          receiver,
        )} (they are those of ${names
          .map(name => JSON.stringify(name))
          .join(', ')})`,
        ip,
        meta: {
          receiver,
          ...(credentials.type === 'basic' && {
            username: credentials.username,
          }),
        },
      });
    },
  };
}
