import { parseEntityRef } from '@backstage/catalog-model';
import {
  Incident,
  IncidentEvent,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { IncidentExplanation } from '@cloudops-ai/backstage-plugin-cloudops-node';

/**
 * What the incident's timeline says about its cause. The root-cause analysis
 * writes `rca` entries whose `data` holds `headline` (a sentence) and
 * `evidence` (strings, or objects with a `summary`); the latest one wins.
 * Before any analysis, the candidate root cause from correlation and the
 * latest correlation and signal entries are the evidence.
 */
export function explain(
  incident: Incident,
  timeline: IncidentEvent[],
): IncidentExplanation {
  const rca = [...timeline].reverse().find(e => e.type === 'rca');
  if (rca) {
    const evidence = Array.isArray(rca.data.evidence)
      ? rca.data.evidence.map(item =>
          typeof item === 'string'
            ? item
            : String(
                (item as { summary?: unknown })?.summary ??
                  JSON.stringify(item),
              ),
        )
      : [];
    const headline =
      typeof rca.data.headline === 'string' ? rca.data.headline : rca.message;
    return { headline, evidence };
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
