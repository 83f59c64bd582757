import {
  ActionDeliveryRequest,
  IncidentExplanation,
} from '@cloudops-ai/backstage-plugin-cloudops-node';

/** The action ids of the buttons, as interactions name them. */
export const ACTIONS = {
  approve: 'cloudops_approve',
  reject: 'cloudops_reject',
  explain: 'cloudops_explain',
  view: 'cloudops_view',
} as const;

const SEVERITY_EMOJI: Record<string, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  warning: ':large_yellow_circle:',
  info: ':large_blue_circle:',
};

/** Slack mrkdwn needs `&`, `<` and `>` escaped in text it did not write. */
export function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function headline(request: ActionDeliveryRequest): string {
  const { incident, event, remediation } = request;
  switch (event) {
    case 'opened':
      return `${incident.severity.toUpperCase()}: ${incident.title}`;
    case 'approval-requested':
      return `Approval needed: ${remediation?.executor} ${remediation?.ref}`;
    case 'remediation-updated':
      return `Remediation ${remediation?.executor} ${remediation?.ref}: ${remediation?.state}`;
    case 'escalated':
      return `Escalated to ${incident.severity}: ${incident.title}`;
    default:
      return `${event[0].toUpperCase()}${event.slice(1)}: ${incident.title}`;
  }
}

/** The plain-text fallback (notifications, screen readers, webhooks without blocks). */
export function fallbackText(request: ActionDeliveryRequest): string {
  return `${SEVERITY_EMOJI[request.incident.severity] ?? ''} ${headline(
    request,
  )}`.trim();
}

/**
 * The Block Kit message for a delivery: a header, the incident's facts, the
 * root-cause headline when there is one, the remediation and its policy for
 * approval requests, and buttons (Approve / Reject on approval requests,
 * Explain and View details always).
 */
export function incidentBlocks(request: ActionDeliveryRequest): unknown[] {
  const { incident, entity, rca, remediation, links } = request;
  const blocks: unknown[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: headline(request).slice(0, 150),
        emoji: true,
      },
    },
    {
      type: 'section',
      fields: [
        `*Severity*\n${SEVERITY_EMOJI[incident.severity] ?? ''} ${
          incident.severity
        }`,
        `*State*\n${incident.state}`,
        `*Service*\n${escape(
          entity?.title ?? entity?.ref ?? incident.entityRef ?? 'unknown',
        )}`,
        `*Environment*\n${escape(entity?.environment ?? 'unknown')}`,
        ...(entity?.ownerRef ? [`*Owner*\n${escape(entity.ownerRef)}`] : []),
        ...(incident.account ? [`*Account*\n${escape(incident.account)}`] : []),
      ].map(text => ({ type: 'mrkdwn', text })),
    },
  ];
  if (rca?.headline) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:mag: *Root cause:* ${escape(rca.headline)}`,
      },
    });
  }
  if (remediation) {
    const policy = remediation.policy;
    const approvals = remediation.decisions.filter(
      d => d.decision === 'approve',
    ).length;
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: [
          `:wrench: *Remediation:* \`${escape(remediation.executor)}\` ${escape(
            remediation.ref,
          )} — *${remediation.state}*`,
          policy.approvalsRequired
            ? `Approvals: ${approvals}/${
                policy.approvalsRequired
              } (requested by ${escape(remediation.requestedBy)})`
            : undefined,
          policy.targets.length
            ? `Targets: ${escape(policy.targets.join(', '))}`
            : undefined,
          remediation.dryRun
            ? `Dry run: ${remediation.dryRun.status} — ${escape(
                remediation.dryRun.summary,
              )}`
            : undefined,
          remediation.outcome
            ? `Outcome: ${remediation.outcome.status} — ${escape(
                remediation.outcome.summary,
              )}`
            : undefined,
          policy.reasons.length
            ? `_${escape(policy.reasons.join('; '))}_`
            : undefined,
        ]
          .filter(Boolean)
          .join('\n'),
      },
    });
  }
  const buttons: unknown[] = [];
  if (request.event === 'approval-requested' && remediation) {
    buttons.push(
      {
        type: 'button',
        action_id: ACTIONS.approve,
        style: 'primary',
        text: { type: 'plain_text', text: 'Approve' },
        value: remediation.id,
      },
      {
        type: 'button',
        action_id: ACTIONS.reject,
        style: 'danger',
        text: { type: 'plain_text', text: 'Reject' },
        value: remediation.id,
        confirm: {
          title: { type: 'plain_text', text: 'Reject this remediation?' },
          text: {
            type: 'plain_text',
            text: `${remediation.executor} ${remediation.ref} will not run.`,
          },
          confirm: { type: 'plain_text', text: 'Reject' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      },
    );
  }
  buttons.push(
    {
      type: 'button',
      action_id: ACTIONS.explain,
      text: { type: 'plain_text', text: 'Explain' },
      value: incident.id,
    },
    {
      type: 'button',
      action_id: ACTIONS.view,
      text: { type: 'plain_text', text: 'View details' },
      url: links.incident,
    },
  );
  blocks.push({
    type: 'actions',
    block_id: `cloudops:${incident.id}`,
    elements: buttons,
  });
  return blocks;
}

/** The answer to Explain: the root-cause headline and its evidence. */
export function explanationBlocks(
  incidentTitle: string,
  explanation: IncidentExplanation,
): unknown[] {
  const evidence = explanation.evidence.length
    ? explanation.evidence
        .slice(0, 10)
        .map(e => `• ${escape(e)}`)
        .join('\n')
    : '_No evidence recorded yet._';
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:mag: *Why: ${escape(incidentTitle)}*\n${escape(
          explanation.headline ?? 'No root-cause analysis yet.',
        )}`,
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*Evidence*\n${evidence}` },
    },
  ];
}
