import {
  ActionDeliveryRequest,
  IncidentExplanation,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { RemediationRequest } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  clip,
  clipping,
  fitList,
  fitParts,
  Fitting,
  SLACK_LIMITS,
} from './limits';

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

/**
 * The message's headline; `quote` is applied to what comes from alerts and
 * requests (the incident's title, the remediation's executor and ref).
 */
function headline(
  request: ActionDeliveryRequest,
  quote: (text: string) => string = text => text,
): string {
  const { incident, event, remediation } = request;
  const title = quote(incident.title);
  const action = `${quote(String(remediation?.executor))} ${quote(
    String(remediation?.ref),
  )}`;
  switch (event) {
    case 'opened':
      return `${incident.severity.toUpperCase()}: ${title}`;
    case 'approval-requested':
      return `Approval needed: ${action}`;
    case 'remediation-updated':
      return `Remediation ${action}: ${remediation?.state}`;
    case 'escalated':
      return `Escalated to ${incident.severity}: ${title}`;
    default:
      return `${event[0].toUpperCase()}${event.slice(1)}: ${title}`;
  }
}

/**
 * The message's top-level text: what notifications and screen readers show,
 * and webhooks without blocks. Slack reads it as mrkdwn, so what comes from
 * alerts is escaped here too.
 */
export function fallbackText(request: ActionDeliveryRequest): string {
  return clip(
    `${SEVERITY_EMOJI[request.incident.severity] ?? ''} ${headline(
      request,
      escape,
    )}`.trim(),
    SLACK_LIMITS.text,
  );
}

/**
 * The remediation, its approvals, targets, dry run, outcome and the policy's
 * reasons, each line shortened as needed to fit in a section.
 */
function remediationText(remediation: RemediationRequest): string {
  const { policy } = remediation;
  const approvals = remediation.decisions.filter(
    d => d.decision === 'approve',
  ).length;
  const lines: Array<Fitting | false | undefined> = [
    clipping(
      `:wrench: *Remediation:* \`${escape(remediation.executor)}\` ${escape(
        remediation.ref,
      )} — *${remediation.state}*`,
    ),
    !!policy.approvalsRequired &&
      clipping(
        `Approvals: ${approvals}/${
          policy.approvalsRequired
        } (requested by ${escape(remediation.requestedBy)})`,
      ),
    policy.targets.length > 0 &&
      (max =>
        `Targets: ${fitList(
          policy.targets.map(escape),
          ', ',
          max - 'Targets: '.length,
        )}`),
    remediation.dryRun &&
      clipping(
        `Dry run: ${remediation.dryRun.status} — ${escape(
          remediation.dryRun.summary,
        )}`,
      ),
    remediation.outcome &&
      clipping(
        `Outcome: ${remediation.outcome.status} — ${escape(
          remediation.outcome.summary,
        )}`,
      ),
    policy.reasons.length > 0 &&
      (max => `_${fitList(policy.reasons.map(escape), '; ', max - 2)}_`),
  ];
  return fitParts(
    lines.filter((line): line is Fitting => !!line),
    SLACK_LIMITS.sectionText,
  );
}

const WILL_NOT_RUN = ' will not run.';

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
        text: clip(headline(request), SLACK_LIMITS.header),
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
      ].map(text => ({ type: 'mrkdwn', text: clip(text, SLACK_LIMITS.field) })),
    },
  ];
  if (rca?.headline) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `:mag: *Root cause:* ${escape(rca.headline)}`,
          SLACK_LIMITS.sectionText,
        ),
      },
    });
  }
  if (remediation) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: remediationText(remediation) },
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
            text: `${clip(
              `${remediation.executor} ${remediation.ref}`,
              SLACK_LIMITS.confirmText - WILL_NOT_RUN.length,
            )}${WILL_NOT_RUN}`,
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

const WHY = ':mag: *Why: ';
const EVIDENCE = '*Evidence*\n';

/** The answer to Explain: the root-cause headline and its evidence. */
export function explanationBlocks(
  incidentTitle: string,
  explanation: IncidentExplanation,
): unknown[] {
  const evidence = explanation.evidence.length
    ? fitList(
        explanation.evidence.slice(0, 10).map(e => `• ${escape(e)}`),
        '\n',
        SLACK_LIMITS.sectionText - EVIDENCE.length,
      )
    : '_No evidence recorded yet._';
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: fitParts(
          [
            max =>
              `${WHY}${clip(escape(incidentTitle), max - WHY.length - 1)}*`,
            clipping(
              escape(explanation.headline ?? 'No root-cause analysis yet.'),
            ),
          ],
          SLACK_LIMITS.sectionText,
        ),
      },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${EVIDENCE}${evidence}` },
    },
  ];
}
