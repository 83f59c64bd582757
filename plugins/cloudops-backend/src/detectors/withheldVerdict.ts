import { AnomalyVerdict } from '@cloudops-ai/backstage-plugin-cloudops-node';

/**
 * A verdict the built-in detector withholds: its series' saved state is
 * still loading, or the point repeats one it already learned from (a retried
 * batch, the first point after a restart). Unlike a cold start, the series
 * may well be trained: a rule neither fires nor resolves on such a point and
 * does not use its fallback threshold.
 */
export type WithheldVerdict = { ready: false; reason: string; withheld: true };

export function withheld(reason: string): WithheldVerdict {
  return { ready: false, reason, withheld: true };
}

/** Whether a detector withheld its verdict on a point. */
export function isWithheld(verdict: AnomalyVerdict): boolean {
  return (
    !verdict.ready && (verdict as Partial<WithheldVerdict>).withheld === true
  );
}
