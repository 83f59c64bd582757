import {
  RcaCandidate,
  RcaRemediation,
  RcaSimilarIncident,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { hasEvidence } from '../rca/hasEvidence';

function percent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

/**
 * The narrative written locally when no AI provider is configured (or its
 * answer was discarded): the same facts, in fixed sentences.
 */
export function templateNarrative(options: {
  ranking: RcaCandidate[];
  similar: RcaSimilarIncident[];
  remediations: RcaRemediation[];
}): string {
  const { ranking, similar, remediations } = options;
  const evidenced = ranking.filter(hasEvidence);
  const sentences: string[] = [];
  const [top, next] = evidenced;
  if (!top) {
    sentences.push(
      `No service showed evidence of a fault yet: none of the ${ranking.length} candidate series moved beyond its noise and no change was recorded; the ranking follows the dependency graph only.`,
    );
  } else {
    sentences.push(
      `Most likely root cause: ${top.service} (${
        top.fault === 'unknown' ? 'fault kind unknown' : `${top.fault} fault`
      }, score ${top.score.toFixed(2)}). Evidence: ${top.evidence
        .slice(0, 2)
        .join('; ')}.`,
    );
    if (next) {
      sentences.push(
        `Next candidate: ${next.service} (${
          next.fault
        }, score ${next.score.toFixed(2)}).`,
      );
    }
  }
  const [closest] = similar;
  if (closest) {
    sentences.push(
      `Most similar past incident: "${closest.title}" (${percent(
        closest.similarity,
      )} similar)${
        closest.resolution.length
          ? `, resolved by: ${closest.resolution.slice(0, 2).join('; ')}`
          : ''
      }.`,
    );
  }
  const [first] = remediations;
  if (first) {
    sentences.push(
      `Suggested runbook: ${first.title}${
        first.uses > 0
          ? ` (resolved ${percent(first.successRate)} of ${
              first.uses
            } similar incident(s))`
          : ''
      }.`,
    );
  }
  return sentences.join(' ');
}
