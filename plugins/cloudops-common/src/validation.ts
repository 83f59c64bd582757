/**
 * How one set-up check ended: `pass`, `warn` (works, but something needs a
 * look), `fail` (broken: `cloudops validate` exits 1) or `skip` (not
 * configured, or not checkable where it ran).
 *
 * @public
 */
export const VALIDATION_STATUSES = ['pass', 'warn', 'fail', 'skip'] as const;

/** @public */
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

/**
 * One row of a set-up check report: what was checked (`aws credentials`),
 * against what (`account 111111111111`), how it ended and why.
 *
 * @public
 */
export interface ValidationResult {
  check: string;
  target: string;
  status: ValidationStatus;
  detail: string;
}

/**
 * The report of `cloudops validate` and of `GET /api/cloudops/validate`.
 * `ok` is false when any result failed.
 *
 * @public
 */
export interface ValidationReport {
  ok: boolean;
  /** ISO 8601. */
  checkedAt: string;
  durationMs: number;
  results: ValidationResult[];
}
