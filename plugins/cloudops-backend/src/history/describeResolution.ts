import { IncidentEvent } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { ENGINE_ACTOR } from '../audit/engineActor';
import { RemediationAction } from '../database/RemediationLearningStore';

/** Notes at the end of a timeline that are quoted with its resolution. */
const NOTES = 2;

/**
 * What resolved a past incident, each item read after "resolved by": the
 * runbooks that succeeded (by title when the library still has it), who
 * resolved it last (its alerts clearing, or a person and their note), and
 * its last notes.
 */
export function describeResolution(
  actions: RemediationAction[],
  timeline: IncidentEvent[],
  runbookTitles: ReadonlyMap<string, string>,
): string[] {
  const resolution = actions
    .filter(a => a.outcome === 'succeeded')
    .map(a => `runbook: ${runbookTitles.get(a.runbookId) ?? a.runbookId}`);
  const resolved = [...timeline]
    .reverse()
    .find(e => e.type === 'state' && e.data.to === 'resolved');
  if (resolved) {
    if (resolved.actor === ENGINE_ACTOR) {
      resolution.push('its alerts clearing');
    } else {
      const note = resolved.data.note;
      resolution.push(
        typeof note === 'string' && note
          ? `${resolved.actor}: ${note}`
          : resolved.actor,
      );
    }
  }
  const notes = timeline.filter(e => e.type === 'note').slice(-NOTES);
  resolution.push(...notes.map(n => `note: ${n.message}`));
  return resolution;
}
