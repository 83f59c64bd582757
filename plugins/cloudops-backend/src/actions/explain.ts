import { parseEntityRef } from '@backstage/catalog-model';
import {
  Incident,
  IncidentEvent,
  IncidentRca,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { IncidentExplanation } from '@cloudops-ai/backstage-plugin-cloudops-node';

/**
 * What is known of an incident's cause: its current root-cause analysis —
 * the most likely service, fault and score, and that candidate's evidence —
 * or, before any analysis, the candidate root cause from correlation with
 * the latest correlation and signal entries of its timeline as evidence.
 */
export function explain(
  incident: Incident,
  timeline: IncidentEvent[],
  rca?: IncidentRca,
): IncidentExplanation {
  const top = rca?.ranking[0];
  if (top) {
    return {
      headline: `Root cause: ${top.service} most likely (${
        top.fault
      }, score ${top.score.toFixed(2)})`,
      evidence: top.evidence,
    };
  }
  const evidence = timeline
    .filter(
      e =>
        e.type === 'correlated' || e.type === 'signal' || e.type === 'opened',
    )
    .slice(-5)
    .map(e => e.message);
  return {
    headline: incident.candidateEntityRef
      ? `Candidate root cause: ${
          parseEntityRef(incident.candidateEntityRef).name
        } (no analysis yet)`
      : undefined,
    evidence,
  };
}

/** The incident's page in the portal: its entity's Incidents tab, or the incident view. */
export function incidentLink(appBaseUrl: string, incident: Incident): string {
  const base = appBaseUrl.replace(/\/+$/, '');
  if (!incident.entityRef) {
    return `${base}/cloudops/incidents/${incident.id}`;
  }
  const { kind, namespace, name } = parseEntityRef(incident.entityRef);
  return `${base}/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind,
  )}/${encodeURIComponent(name)}/incidents?incident=${incident.id}`;
}
