import {
  Incident,
  Signal,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * When an incident's fault began, as root-cause analysis takes it: the
 * earliest of its opening and the signals that formed it.
 */
export function faultTimeOf(
  incident: Pick<Incident, 'createdAt'>,
  signals: Array<Pick<Signal, 'timestamp'>>,
): Date {
  let earliest = Date.parse(incident.createdAt);
  for (const signal of signals) {
    earliest = Math.min(earliest, Date.parse(signal.timestamp));
  }
  return new Date(earliest);
}
