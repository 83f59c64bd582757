import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  CloudopsAuditExtensionPoint,
  SignalSink,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { ReceiverOptions } from '../config';
import { alertProblems } from './alertProblems';
import { alertsToSignals } from './alertsToSignals';
import { callersOf } from './verifyCredentials';
import { parseWebhookPayload } from './webhookPayload';
import { webhookRefusals } from './webhookRefusals';

/** Where the receiver is mounted, under the plugin's `/api/cloudops`. */
export const WEBHOOK_PATH = '/alertmanager/webhook';

export interface WebhookOptions {
  receivers: readonly ReceiverOptions[];
  maxBodyBytes: number;
  /** The sink, once the engine has connected it. */
  sink: () => SignalSink | undefined;
  auditor: AuditorService;
  /** The append-only audit log, for refused credentials (within bounds). */
  audit: CloudopsAuditExtensionPoint;
  logger: LoggerService;
  /** Milliseconds since the epoch, for those bounds; tests pass their own. */
  now?: () => number;
}

/** The body parser's own errors, as clear ones. */
function bodyError(error: { type?: string; message?: string }, limit: number) {
  if (error.type === 'entity.too.large') {
    return Object.assign(
      new InputError(
        `The notification is larger than ${limit} bytes (cloudops.prometheus.webhook.maxBodyBytes); lower max_alerts in Alertmanager's webhook_config`,
      ),
      { statusCode: 413 },
    );
  }
  return new InputError(`The body is not valid JSON: ${error.message}`);
}

/**
 * The Alertmanager webhook receiver. Backstage lets its requests in
 * unauthenticated; it checks the receivers' own bearer tokens or basic auth
 * first, then reads the notification, unpacks the group into alert signals
 * and answers only once they are committed:
 *
 * - 200: accepted (repeats of known alerts are duplicates and change nothing)
 * - 400: not JSON, not a version 4 notification, an unknown receiver, or
 *   an alert that does not fit what CloudOps stores (none of it is stored)
 * - 401: no or wrong credentials; 403: the credentials of another receiver
 * - 413: too large; 503: not stored (Alertmanager retries 5xx), with the
 *   cause in the log only
 *
 * Every delivery is audited by the auditor; those from a known receiver
 * also show in detector health as `alertmanager-webhook` on the receiver's
 * shard. Refused credentials (401) and another receiver's credentials (403)
 * are also logged, and audited in the append-only log within bounds
 * ({@link webhookRefusals}).
 */
export function createWebhookRouter(options: WebhookOptions): express.Router {
  const { receivers, maxBodyBytes, sink, auditor, logger } = options;
  const refusals = webhookRefusals(options);
  const parseJson = express.json({ limit: maxBodyBytes });
  const readBody = (req: Request, res: Response) =>
    new Promise<unknown>((resolve, reject) =>
      parseJson(req, res, error =>
        error ? reject(bodyError(error, maxBodyBytes)) : resolve(req.body),
      ),
    );

  const router = Router();
  router.post(WEBHOOK_PATH, async (req, res) => {
    const startedAt = new Date();
    const event = await auditor.createEvent({
      eventId: 'alertmanager-webhook',
      severityLevel: 'medium',
      meta: { remoteAddress: req.ip ?? null },
    });
    let caller: ReceiverOptions | undefined;
    try {
      const callers = callersOf(req.headers.authorization, receivers);
      if (callers.length === 0) {
        await refusals.unauthenticated(
          req.headers.authorization
            ? 'not the credentials of a receiver'
            : 'no Authorization header',
          req.ip ?? null,
        );
        res.setHeader(
          'WWW-Authenticate',
          'Bearer realm="cloudops", Basic realm="cloudops"',
        );
        throw new AuthenticationError(
          'The Alertmanager webhook needs the bearer token or basic auth of a receiver in cloudops.prometheus.webhook.receivers',
        );
      }
      caller = callers[0];
      if (!req.is('application/json')) {
        throw new InputError(
          `Expected Content-Type application/json (got ${
            req.headers['content-type'] ?? 'none'
          })`,
        );
      }
      const payload = parseWebhookPayload(await readBody(req, res));
      const receiver = callers.find(r => r.name === payload.receiver);
      if (!receiver) {
        if (!receivers.some(r => r.name === payload.receiver)) {
          throw new InputError(
            `Unknown receiver ${JSON.stringify(
              payload.receiver,
            )}; configured receivers: ${receivers.map(r => r.name).join(', ')}`,
          );
        }
        await refusals.forbidden(callers, payload.receiver, req.ip ?? null);
        throw new NotAllowedError(
          `These credentials are not those of receiver ${JSON.stringify(
            payload.receiver,
          )}`,
        );
      }
      caller = receiver;
      // The receiver's cluster, else the one the alert names.
      const signals = alertsToSignals(payload, {
        receiver: receiver.name,
        clusterOf: labels => receiver.cluster ?? labels.cluster,
      });
      const invalid = alertProblems(payload, signals);
      if (invalid) {
        // Refused whole, as Alertmanager resends whole groups; a 4xx is not
        // retried.
        throw new InputError(`Invalid notification: ${invalid}`);
      }
      const target = sink();
      if (!target) {
        throw new ServiceUnavailableError(
          'CloudOps is starting; Alertmanager will retry',
        );
      }
      try {
        await target.push(signals);
      } catch (error) {
        // The cause can hold SQL and values: it is logged, not answered.
        logger.error(
          `Alertmanager webhook: the ${signals.length} alert(s) of group ${payload.groupKey} from receiver ${receiver.name} could not be stored`,
          error as Error,
        );
        throw new ServiceUnavailableError(
          'The alerts could not be stored; Alertmanager will retry',
        );
      }
      const truncated = payload.truncatedAlerts
        ? `Alertmanager left out ${payload.truncatedAlerts} alert(s) of group ${payload.groupKey} (max_alerts)`
        : undefined;
      if (truncated) logger.warn(truncated);
      await target.report?.({
        shard: receiver.name,
        startedAt,
        items: signals.length,
        error: truncated,
      });
      await event.success({
        meta: {
          receiver: receiver.name,
          groupKey: payload.groupKey,
          status: payload.status,
          alerts: signals.length,
        },
      });
      res.json({ alerts: signals.length });
    } catch (error) {
      if (caller) {
        await sink()?.report?.({
          shard: caller.name,
          startedAt,
          items: 0,
          error: (error as Error).message,
        });
      }
      await event.fail({
        error: error as Error,
        meta: { receiver: caller?.name ?? null },
      });
      throw error;
    }
  });
  return router;
}
