/** What a dataset says about one case: its true root cause and fault. */
export interface CaseLabel {
  id: string;
  rootCause: string;
  fault: string;
  /** Whether the fault shows in metrics (code-level faults mostly do not). */
  visible: boolean;
}

/** Where the true root cause landed in one case's ranking (1-based; Infinity if absent). */
export interface CaseOutcome {
  label: CaseLabel;
  rank: number;
}

/**
 * Where `service` stands in a ranking, counted pessimistically: a service
 * whose score equals others' takes the last of their places, so an order
 * among equal scores (by name, when nothing moved) earns no credit.
 * Infinity when the ranking does not hold it.
 */
export function pessimisticRank(
  ranking: Array<{ service: string; score: number }>,
  service: string,
): number {
  const found = ranking.find(r => r.service === service);
  if (!found) return Infinity;
  return ranking.filter(r => r.score >= found.score).length;
}

/** How the benchmark output says ties are counted. */
export const TIES_NOTE =
  'AC@k counts a root cause tied in score with other services at the last of their places (pessimistic).';

/** AC@1, AC@3 and Avg@5 of a group of cases. */
export interface Accuracy {
  group: string;
  cases: number;
  ac1: number;
  ac3: number;
  avg5: number;
}

/** AC@k: the share of cases whose root cause is within the first k. */
export function accuracyAt(outcomes: CaseOutcome[], k: number): number {
  if (outcomes.length === 0) return NaN;
  return outcomes.filter(o => o.rank <= k).length / outcomes.length;
}

export function accuracyOf(group: string, outcomes: CaseOutcome[]): Accuracy {
  const at = (k: number) => accuracyAt(outcomes, k);
  return {
    group,
    cases: outcomes.length,
    ac1: at(1),
    ac3: at(3),
    avg5: [1, 2, 3, 4, 5].reduce((sum, k) => sum + at(k), 0) / 5,
  };
}

/**
 * The accuracy of a dataset overall, on metric-visible and code-level
 * faults when it has both, and per fault type.
 */
export function accuracyBreakdown(outcomes: CaseOutcome[]): Accuracy[] {
  const rows = [accuracyOf('all', outcomes)];
  const visible = outcomes.filter(o => o.label.visible);
  if (visible.length !== outcomes.length) {
    rows.push(accuracyOf('metric-visible faults', visible));
    rows.push(
      accuracyOf(
        'code-level faults',
        outcomes.filter(o => !o.label.visible),
      ),
    );
  }
  const faults = [...new Set(outcomes.map(o => o.label.fault))].sort();
  for (const fault of faults) {
    rows.push(
      accuracyOf(
        `  ${fault}`,
        outcomes.filter(o => o.label.fault === fault),
      ),
    );
  }
  return rows;
}

/** A plain-text table of accuracy rows. */
export function formatAccuracy(title: string, rows: Accuracy[]): string[] {
  const width = Math.max(24, ...rows.map(r => r.group.length + 2));
  const cell = (v: number) => v.toFixed(3).padStart(7);
  return [
    `${title.padEnd(width)}${'cases'.padStart(6)}${'AC@1'.padStart(
      7,
    )}${'AC@3'.padStart(7)}${'Avg@5'.padStart(7)}`,
    ...rows.map(
      r =>
        `${r.group.padEnd(width)}${String(r.cases).padStart(6)}${cell(
          r.ac1,
        )}${cell(r.ac3)}${cell(r.avg5)}`,
    ),
  ];
}
