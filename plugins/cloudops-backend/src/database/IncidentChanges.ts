import { IncidentEventInput } from './IncidentStore';
import type { CloudopsStores } from './CloudopsDatabase';

/**
 * A timeline entry written in a transaction: one thing that changed about an
 * incident (opened, a signal joined, a state or severity change, a note, …).
 */
export interface IncidentChange extends IncidentEventInput {
  incidentId: string;
}

/**
 * Work that reacts to incident changes. `beforeCommit` runs inside the
 * transaction that made them, so what it writes (an outbox row) commits or
 * rolls back with them. `afterCommit` runs once they are committed (live
 * updates, root-cause analysis, listeners in modules); it must be quick —
 * enqueue work, do not do it — and its failures are logged, never thrown.
 */
export interface IncidentChangeHooks {
  beforeCommit?(
    stores: CloudopsStores,
    changes: IncidentChange[],
  ): Promise<void>;
  afterCommit?(changes: IncidentChange[]): Promise<void> | void;
}
