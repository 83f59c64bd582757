import { RcaFaultKind } from '../rca';

/**
 * A remediation the RCA can suggest: what it fixes, the steps, and
 * optionally an action the action dispatcher can run.
 *
 * @public
 */
export interface Runbook {
  /** Unique across the library: lower-case letters, digits and dashes. */
  id: string;
  title: string;
  description?: string;
  /** Where the full runbook lives. */
  url?: string;
  /** When it applies; every given field must hold (an empty match always does). */
  match?: {
    /** Suspected fault kinds of the top candidate. */
    faults?: RcaFaultKind[];
    /** Entity refs of the top candidate (`component:default/cart-service`). */
    services?: string[];
    /** Alert or rule names in the incident. */
    alerts?: string[];
  };
  steps?: string[];
  /** What the action dispatcher runs for it (approval policy applies). */
  action?: { type: string; params?: Record<string, unknown> };
}

/**
 * A runbook file read and checked: its runbooks, or the errors with their
 * file, line and column (the same shape as rule file errors).
 *
 * @public
 */
export interface ParsedRunbooks {
  runbooks: Runbook[];
  errors: Array<{
    file: string;
    line: number;
    column: number;
    message: string;
  }>;
}
