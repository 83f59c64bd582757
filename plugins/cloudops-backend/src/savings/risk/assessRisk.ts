import {
  IncidentSeverity,
  OpportunityRisk,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** What the risk of applying an opportunity is judged on. */
export interface RiskInputs {
  /** The change: `stop`, `terminate`, `delete`, `resize`, `scale`, `configure`. */
  action: string;
  /** The entity's `cloudops.ai/environment`; undefined when unknown or unlinked. */
  environment?: string;
  /** Entities that depend on the resource's entity, directly or through others. */
  dependents: number;
  /** Incidents on the entity within the look-back. */
  incidents: Array<{ severity: IncidentSeverity }>;
}

/** How disruptive each change is on its own, 0..1. */
const ACTION_RISK: Record<string, number> = {
  delete: 0.9,
  terminate: 0.8,
  stop: 0.6,
  resize: 0.5,
  scale: 0.4,
  configure: 0.3,
};

const ENVIRONMENT_RISK: Record<string, number> = {
  production: 1,
  staging: 0.4,
  development: 0.1,
};

const SEVERITY_WEIGHT: Record<IncidentSeverity, number> = {
  critical: 1,
  high: 0.6,
  warning: 0.3,
  info: 0.1,
};

/** Weights of the four factors; they add up to 1. */
const WEIGHTS = { blast: 0.35, slo: 0.25, environment: 0.25, change: 0.15 };

/**
 * The risk of applying an opportunity, 0..100, from four factors:
 * blast radius (how many entities depend on it: 0 → 0, 15 or more → 1 on a
 * log scale), SLO impact (recent incidents weighted by severity, 2 critical
 * incidents saturate it), the environment (an unknown environment counts as
 * production), and how disruptive the change is. Low below 35, high from 65.
 */
export function assessRisk(inputs: RiskInputs): OpportunityRisk {
  const blast = Math.min(1, Math.log2(1 + inputs.dependents) / 4);
  const slo = Math.min(
    1,
    inputs.incidents.reduce((s, i) => s + SEVERITY_WEIGHT[i.severity], 0) / 2,
  );
  const environment = inputs.environment?.toLowerCase() ?? 'unknown';
  const env = ENVIRONMENT_RISK[environment] ?? 1;
  const change = ACTION_RISK[inputs.action] ?? 0.5;
  const score = Math.round(
    100 *
      (WEIGHTS.blast * blast +
        WEIGHTS.slo * slo +
        WEIGHTS.environment * env +
        WEIGHTS.change * change),
  );
  let level: OpportunityRisk['level'] = 'low';
  if (score >= 65) level = 'high';
  else if (score >= 35) level = 'medium';
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    score,
    level,
    blastRadius: { dependents: inputs.dependents, score: r(blast) },
    sloImpact: { incidents: inputs.incidents.length, score: r(slo) },
    environment,
    change: { action: inputs.action, score: change },
    factors: [
      inputs.dependents === 0
        ? 'Nothing in the catalog depends on it.'
        : `${inputs.dependents} catalog entities depend on it, directly or not.`,
      inputs.incidents.length === 0
        ? 'No incident on it recently.'
        : `${inputs.incidents.length} recent incidents on it (${inputs.incidents
            .map(i => i.severity)
            .join(', ')}).`,
      environment === 'unknown'
        ? 'Its environment is unknown, so it is treated as production.'
        : `It runs in ${environment}.`,
      `The change is a ${inputs.action}.`,
    ],
  };
}

/** How many entities depend on `ref`, directly or through others. */
export function countDependents(
  ref: string,
  dependents: (ref: string) => string[],
): number {
  const seen = new Set<string>();
  const stack = [ref];
  while (stack.length) {
    for (const next of dependents(stack.pop()!)) {
      if (next !== ref && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen.size;
}
