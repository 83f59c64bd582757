import { RcaCandidate } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { hasEvidence } from '../rca/hasEvidence';

/** An incident's signature: weighted tokens, and the coarse learning key. */
export interface IncidentSignature {
  tokens: string[];
  /** `<top candidate>|<its fault>`, or `unknown` with no evidence at all. */
  key: string;
}

/** How much each kind of token counts in similarity. */
const WEIGHTS: Record<string, number> = {
  root: 3,
  'root-fault': 3,
  alert: 2,
  fault: 1,
  moved: 1,
  series: 1,
  system: 0.5,
};

export function tokenWeight(token: string): number {
  return WEIGHTS[token.slice(0, token.indexOf(':'))] ?? 1;
}

/**
 * What identifies an incident for history: its top root-cause candidate and
 * fault, the services with evidence, how the top one moved, its alerts and
 * its system.
 */
export function incidentSignature(input: {
  ranking: RcaCandidate[];
  alerts: string[];
  systemRef?: string;
}): IncidentSignature {
  const evidenced = input.ranking.filter(hasEvidence);
  const [top] = evidenced;
  const tokens = new Set<string>();
  if (top) {
    tokens.add(`root:${top.service}`);
    tokens.add(`fault:${top.fault}`);
    tokens.add(`root-fault:${top.service}/${top.fault}`);
    for (const s of top.series ?? []) {
      tokens.add(`series:${s.kind}/${s.direction}`);
    }
  }
  evidenced.slice(0, 5).forEach(c => tokens.add(`moved:${c.service}`));
  input.alerts.forEach(a => tokens.add(`alert:${a}`));
  if (input.systemRef) tokens.add(`system:${input.systemRef}`);
  return {
    tokens: [...tokens].sort(),
    key: top ? `${top.service}|${top.fault}` : 'unknown',
  };
}

/** Weighted Jaccard similarity of two signatures' tokens, 0..1. */
export function signatureSimilarity(a: string[], b: string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  let shared = 0;
  let all = 0;
  for (const token of new Set([...left, ...right])) {
    const weight = tokenWeight(token);
    all += weight;
    if (left.has(token) && right.has(token)) shared += weight;
  }
  return all === 0 ? 0 : shared / all;
}
