import { WasteObservationContext } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** How far back an observation run reads: from the earliest window start (at least a step). */
export function observationLookbackMs(
  context: WasteObservationContext,
  stepMs: number,
): number {
  const earliest = Math.min(
    ...context.opportunities.map(o => o.observeFrom.getTime()),
  );
  return Math.max(stepMs, context.now.getTime() - earliest);
}
