import { OpportunityDetail } from '@cloudops-ai/backstage-plugin-cloudops-common';

const money = (value: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value);

/**
 * A pull request's description for a savings change, from the
 * opportunity's evidence and risk: what changes, what it saves, why the
 * detector believes it, and how risky it is.
 */
export function pullRequestBody(opportunity: OpportunityDetail): string {
  const { current, recommended, risk, evidence, currency } = opportunity;
  const lines = [
    `## ${opportunity.title}`,
    '',
    `CloudOps AI found this on \`${opportunity.resource.id}\`${
      opportunity.entityRef ? ` (${opportunity.entityRef})` : ''
    }.`,
    '',
    '| | Now | Proposed |',
    '| --- | --- | --- |',
    `| Configuration | ${current.description} | ${recommended.description} |`,
    `| Monthly cost | ${money(current.monthlyCost, currency)} | ${money(
      recommended.monthlyCost,
      currency,
    )} |`,
    '',
    `**Saves about ${money(
      opportunity.monthlySavings,
      currency,
    )} a month** (confidence ${Math.round(opportunity.confidence * 100)}%).`,
    '',
    '### Evidence',
    ...evidence.summary.map(line => `- ${line}`),
    ...Object.entries(evidence.metrics).map(
      ([name, value]) => `- \`${name}\`: ${value}`,
    ),
    '',
    `### Risk: ${risk.level} (${risk.score}/100)`,
    ...risk.factors.map(line => `- ${line}`),
    '',
    `Opportunity \`${opportunity.id}\`; merging this records the change in the savings ledger, which then measures the real savings.`,
  ];
  return `${lines.join('\n')}\n`;
}
