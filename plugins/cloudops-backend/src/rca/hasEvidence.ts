import { RcaCandidate } from '@cloudops-ai/backstage-plugin-cloudops-common';

/** Whether a candidate has evidence of its own: a series that moved, or a change. */
export function hasEvidence(candidate: RcaCandidate): boolean {
  return (
    (candidate.series?.length ?? 0) > 0 || Boolean(candidate.changes?.length)
  );
}
