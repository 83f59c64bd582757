import { RemediationPolicyResult } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { RemediationPlan } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ActionOptions } from './actionOptions';
import { IncidentFacts, matchesIncident } from './routing';

/** The most approvers a request can need. */
const MAX_APPROVERS = 2;

/**
 * Policy before any execution: the executor must exist; read-only mode
 * refuses every remediation; cost-safe mode refuses, outside production,
 * what may raise cost; the blast radius (the targets the executor plans to
 * touch) is limited; approvals come from the first configured approval rule
 * that matches the incident's severity and environment, raised (never
 * lowered) by the rule's own `approval`. An unknown environment (no entity,
 * or no `cloudops.ai/environment` on it) needs the approvals production
 * does: a production resource nobody annotated is not run unapproved. The
 * result keeps the plan's targets, cost impact and pin: stored with the
 * request, the pin is what its dry run and execution run.
 */
export function evaluateRemediationPolicy(input: {
  options: Pick<ActionOptions, 'readOnly' | 'costSafe' | 'remediation'>;
  facts: IncidentFacts;
  executor?: { id: string };
  executorId: string;
  plan?: RemediationPlan;
  ruleApproval?: { required: boolean; approvers?: number };
}): RemediationPolicyResult {
  const { options, facts, plan } = input;
  const reasons: string[] = [];
  const base = {
    environment: facts.environment,
    targets: plan?.targets ?? [],
    costImpact: plan?.costImpact,
    ...(plan?.pin ? { pin: plan.pin } : {}),
  };

  const approvalFacts = facts.environment
    ? facts
    : { ...facts, environment: 'production' };
  const approvalRule = options.remediation.approvals.find(a =>
    matchesIncident(a, approvalFacts),
  );
  let approvalsRequired = approvalRule?.approvers ?? 0;
  if (approvalRule) {
    reasons.push(
      `${facts.severity} in ${
        facts.environment ?? 'an unknown environment (counted as production)'
      } needs ${approvalRule.approvers} approver(s)`,
    );
  }
  if (input.ruleApproval?.required) {
    const byRule = input.ruleApproval.approvers ?? 1;
    if (byRule > approvalsRequired) {
      approvalsRequired = byRule;
      reasons.push(`the rule asks for ${byRule} approver(s)`);
    }
  }
  approvalsRequired = Math.min(MAX_APPROVERS, Math.max(0, approvalsRequired));

  const blocked = (
    blockedBy: NonNullable<RemediationPolicyResult['blockedBy']>,
    reason: string,
  ): RemediationPolicyResult => ({
    ...base,
    approvalsRequired,
    reasons: [reason, ...reasons],
    blockedBy,
  });

  if (!input.executor) {
    return blocked(
      'executor',
      `no remediation executor "${input.executorId}" is installed`,
    );
  }
  if (options.readOnly) {
    return blocked(
      'read-only',
      'read-only mode: remediations do not run (dry runs still do)',
    );
  }
  if (
    options.costSafe &&
    facts.environment !== 'production' &&
    (plan?.costImpact === 'increase' || plan?.costImpact === 'unknown')
  ) {
    return blocked(
      'cost-safe',
      `cost-safe mode: ${
        facts.environment ?? 'an unknown environment'
      } is not production and the run ${
        plan.costImpact === 'increase'
          ? 'would raise cost'
          : 'may raise cost (its cost impact is unknown)'
      }`,
    );
  }
  if (plan && plan.targets.length > options.remediation.maxTargets) {
    return blocked(
      'blast-radius',
      `blast radius: the run would touch ${plan.targets.length} targets, more than the limit of ${options.remediation.maxTargets}`,
    );
  }
  if (approvalsRequired === 0) {
    reasons.push('no approval rule applies');
  }
  return { ...base, approvalsRequired, reasons };
}
