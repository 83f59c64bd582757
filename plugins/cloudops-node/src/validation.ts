import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ValidationResult } from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * A set-up check: reads what it checks from configuration, talks to the
 * systems it names with harmless read calls (nothing is sent, posted or
 * changed) and reports one row per target. It runs in `cloudops validate`
 * and behind `GET /api/cloudops/validate`, within a deadline: it must stop
 * when `signal` aborts. A thrown error is reported as a failed row.
 *
 * @public
 */
export interface CloudopsValidationCheck {
  /** What it checks, e.g. `aws`, `prometheus`: the row's check when it throws. */
  id: string;
  /** Its own deadline, when it needs longer than the runner's default. */
  timeoutMs?: number;
  run(options: { signal: AbortSignal }): Promise<ValidationResult[]>;
}

/**
 * Lets modules add their set-up checks (AWS credentials and reads,
 * Prometheus and Alertmanager reachability, …) to the portal's health view.
 *
 * @public
 */
export interface CloudopsValidationExtensionPoint {
  addCheck(check: CloudopsValidationCheck): void;
}

/** @public */
export const cloudopsValidationExtensionPoint =
  createExtensionPoint<CloudopsValidationExtensionPoint>({
    id: 'cloudops.validation',
  });
