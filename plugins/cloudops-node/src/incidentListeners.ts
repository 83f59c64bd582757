import { createExtensionPoint } from '@backstage/backend-plugin-api';
import {
  Incident,
  IncidentState,
  Signal,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * An incident moved through its lifecycle (acknowledged, mitigated,
 * resolved, reopened) by a person, an API client or the engine, told after
 * it is committed.
 *
 * @public
 */
export interface IncidentTransitionEvent {
  /** The incident as it is after the transition. */
  incident: Incident;
  from: IncidentState;
  to: IncidentState;
  /** The user or service that moved it. */
  actor: string;
  note?: string;
  /** The signals that formed the incident, oldest first (at most `limit`, default 1000). */
  signals(limit?: number): Promise<Signal[]>;
}

/**
 * Reacts to incident transitions: creates a silence, posts a message. A
 * listener's failure is logged and never undoes or delays the transition.
 *
 * @public
 */
export interface IncidentLifecycleListener {
  onTransition(event: IncidentTransitionEvent): Promise<void> | void;
}

/**
 * Lets modules listen to incident transitions.
 *
 * @public
 */
export interface CloudopsIncidentListenersExtensionPoint {
  addListener(listener: IncidentLifecycleListener): void;
}

/** @public */
export const cloudopsIncidentListenersExtensionPoint =
  createExtensionPoint<CloudopsIncidentListenersExtensionPoint>({
    id: 'cloudops.incident-listeners',
  });
