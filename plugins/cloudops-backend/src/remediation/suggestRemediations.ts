import {
  RcaCandidate,
  RcaRemediation,
  Runbook,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { RunbookStats } from '../database/RemediationLearningStore';
import { hasEvidence } from '../rca/hasEvidence';

/** How many runbooks an RCA suggests at most. */
const MAX_SUGGESTIONS = 5;

/** What a runbook is matched against. */
export interface RemediationContext {
  ranking: RcaCandidate[];
  alerts: string[];
  /** Each entity's `cloudops.ai/runbook` annotation values. */
  links: Map<string, string[]>;
  stats: RunbookStats[];
}

/** Why a runbook applies, or undefined when it does not. */
function matchReason(
  runbook: Runbook,
  top: RcaCandidate | undefined,
  alerts: string[],
): string | undefined {
  const { faults, services, alerts: wanted } = runbook.match ?? {};
  const reasons: string[] = [];
  if (faults?.length) {
    if (!top || !faults.includes(top.fault)) return undefined;
    reasons.push(`${top.fault} fault`);
  }
  if (services?.length) {
    if (!top || !services.includes(top.service)) return undefined;
    reasons.push(`on ${top.service}`);
  }
  if (wanted?.length) {
    const hit = wanted.filter(a => alerts.includes(a));
    if (!hit.length) return undefined;
    reasons.push(`alert ${hit.join(', ')}`);
  }
  return reasons.length
    ? `matches ${reasons.join(', ')}`
    : 'applies to every incident';
}

/**
 * The runbooks to suggest for an RCA: those whose match fits the top
 * candidate and the alerts, and those the candidates' `cloudops.ai/runbook`
 * annotations link (library ids, or URLs shown as links). Ranked by learned
 * success for this signature (Laplace-smoothed: (s+1)/(s+f+2)), then by how
 * specifically they match.
 */
export function suggestRemediations(
  library: Runbook[],
  context: RemediationContext,
): RcaRemediation[] {
  const top = context.ranking.find(hasEvidence) ?? context.ranking[0];
  const byId = new Map(library.map(r => [r.id, r]));
  const found = new Map<
    string,
    {
      runbook: Pick<Runbook, 'id' | 'title' | 'url' | 'action'>;
      reason: string;
      specificity: number;
    }
  >();
  for (const runbook of library) {
    const reason = matchReason(runbook, top, context.alerts);
    if (reason) {
      const m = runbook.match ?? {};
      const specificity =
        (m.services?.length ? 2 : 0) +
        (m.faults?.length ? 1 : 0) +
        (m.alerts?.length ? 1 : 0);
      found.set(runbook.id, { runbook, reason, specificity });
    }
  }
  for (const candidate of context.ranking.filter(hasEvidence).slice(0, 3)) {
    for (const link of context.links.get(candidate.service) ?? []) {
      const runbook = byId.get(link);
      if (runbook) {
        found.set(runbook.id, {
          runbook,
          reason: `linked from ${candidate.service}`,
          // The service's owners chose it: more specific than any match.
          specificity: 4,
        });
      } else if (/^https?:\/\//.test(link)) {
        found.set(`url:${link}`, {
          runbook: {
            id: `url:${link}`,
            title: `Runbook of ${candidate.service}`,
            url: link,
          },
          reason: `linked from ${candidate.service}`,
          specificity: 2,
        });
      }
    }
  }
  const stats = new Map(context.stats.map(s => [s.runbookId, s]));
  return [...found.values()]
    .map(({ runbook, reason, specificity }) => {
      const s = stats.get(runbook.id);
      const uses = (s?.successes ?? 0) + (s?.failures ?? 0);
      return {
        specificity,
        suggestion: {
          runbookId: runbook.id,
          title: runbook.title,
          url: runbook.url,
          reason,
          successRate: ((s?.successes ?? 0) + 1) / (uses + 2),
          uses,
          executable: Boolean(runbook.action),
          ...(runbook.action && { action: runbook.action }),
        } as RcaRemediation,
      };
    })
    .sort(
      (a, b) =>
        b.suggestion.successRate - a.suggestion.successRate ||
        b.specificity - a.specificity ||
        a.suggestion.runbookId.localeCompare(b.suggestion.runbookId),
    )
    .slice(0, MAX_SUGGESTIONS)
    .map(s => s.suggestion);
}
