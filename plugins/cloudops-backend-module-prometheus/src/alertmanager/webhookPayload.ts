import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/** Alertmanager sends the zero time as the end of an alert still firing. */
const date = z
  .string()
  .refine(value => !Number.isNaN(Date.parse(value)), 'not an RFC 3339 time');

const labelSet = z.record(z.string());

const alert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelSet.refine(
    labels => Boolean(labels.alertname),
    'must have an alertname',
  ),
  annotations: labelSet.default({}),
  startsAt: date,
  endsAt: date.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().max(64).optional(),
});

/** The most alerts one delivery may carry. */
export const MAX_ALERTS = 5000;

/**
 * The body of an Alertmanager webhook notification (version 4): one alert
 * group, its alerts firing or resolved.
 */
export const webhookPayloadSchema = z.object({
  version: z.string(),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().nonnegative().default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().min(1),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().default(''),
  alerts: z.array(alert).max(MAX_ALERTS),
});

export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
export type WebhookAlert = WebhookPayload['alerts'][number];

/**
 * Reads a delivery's body.
 *
 * @throws InputError naming the field, as in `alerts.2.startsAt: not an RFC 3339 time`
 */
export function parseWebhookPayload(body: unknown): WebhookPayload {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      'Expected an Alertmanager webhook notification: a JSON object with receiver and alerts',
    );
  }
  const result = webhookPayloadSchema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map(issue => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new InputError(
      `Invalid Alertmanager notification: ${issues.join('; ')}`,
    );
  }
  if (result.data.version !== '4') {
    throw new InputError(
      `Unsupported Alertmanager notification version ${JSON.stringify(
        result.data.version,
      )}; expected "4"`,
    );
  }
  return result.data;
}
