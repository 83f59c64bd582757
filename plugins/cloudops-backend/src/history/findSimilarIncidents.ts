import { RcaSimilarIncident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { PastRca } from '../database/RcaStore';
import { signatureSimilarity } from './incidentSignature';

/** Below this, a past incident is not shown as similar. */
export const MIN_SIMILARITY = 0.3;

/**
 * The past incidents most like this one (by signature), best first, with
 * what resolved each (from `resolutionOf`).
 */
export async function findSimilarIncidents(
  signature: string[],
  past: PastRca[],
  resolutionOf: (incidentId: string) => Promise<string[]>,
  limit = 3,
): Promise<RcaSimilarIncident[]> {
  const scored = past
    .map(p => ({
      p,
      similarity: signatureSimilarity(signature, p.rca.signature),
    }))
    .filter(s => s.similarity >= MIN_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
  return Promise.all(
    scored.map(async ({ p, similarity }) => {
      const top = p.rca.ranking[0];
      return {
        incidentId: p.incidentId,
        title: p.title,
        similarity: Math.round(similarity * 1000) / 1000,
        rootCause: top?.service,
        fault: top?.fault,
        resolvedAt: p.resolvedAt,
        resolution: await resolutionOf(p.incidentId),
      };
    }),
  );
}
