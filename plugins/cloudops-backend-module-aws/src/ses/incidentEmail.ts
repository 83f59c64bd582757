import escapeHtml from 'escape-html';
import {
  ActionDeliveryRequest,
  describeDelivery,
  headlineOf,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { OutgoingEmail } from './SesMailer';

const SEVERITY_COLOURS: Record<string, string> = {
  critical: '#b71c1c',
  high: '#e65100',
  warning: '#f9a825',
  info: '#1565c0',
};

/**
 * The thread id every email about an incident refers to, so mail clients
 * keep an incident's emails together (SES sets each email's own
 * Message-ID).
 */
export function incidentThreadId(incidentId: string): string {
  return `<incident-${incidentId}@cloudops.ai>`;
}

/**
 * The email about one delivery: subject, HTML (summary, root-cause headline
 * and evidence, remediation, link to the incident), the text of other
 * channels as its plain part, and threading headers. Every email of an
 * incident has the same subject (`Re:` after the first) and names the
 * incident's thread id in `References` (and `In-Reply-To` after the first).
 */
export function incidentEmail(
  request: ActionDeliveryRequest,
): Omit<OutgoingEmail, 'to'> {
  const { incident, entity, rca, remediation, links } = request;
  const e = escapeHtml;
  const followUp = Object.keys(request.thread).length > 0;
  const thread = incidentThreadId(incident.id);
  const rows: Array<[string, string]> = [
    ['Severity', incident.severity],
    ['State', incident.state],
  ];
  if (entity) {
    rows.push([
      'Service',
      `${entity.title ?? entity.ref}${
        entity.environment ? ` (${entity.environment})` : ''
      }`,
    ]);
  }
  const owner = entity?.ownerRef ?? incident.ownerRef;
  if (owner) rows.push(['Owner', owner]);
  if (incident.account) rows.push(['AWS account', incident.account]);
  rows.push(['Opened', incident.createdAt]);

  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${e(
    incident.title,
  )}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#212121;max-width:640px">
<p style="margin:0 0 4px 0;color:${
    SEVERITY_COLOURS[incident.severity] ?? '#424242'
  };font-weight:bold;text-transform:uppercase">${e(incident.severity)} · ${e(
    request.event,
  )}</p>
<h1 style="font-size:20px;margin:0 0 12px 0">${e(headlineOf(request))}</h1>
${incident.description ? `<p>${e(incident.description)}</p>` : ''}
<table style="border-collapse:collapse;margin:0 0 16px 0">${rows
    .map(
      ([name, value]) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0">${e(
          name,
        )}</th><td>${e(value)}</td></tr>`,
    )
    .join('')}</table>
${
  rca?.headline
    ? `<h2 style="font-size:16px;margin:0 0 4px 0">Most likely cause</h2>
<p style="margin:0 0 4px 0">${e(rca.headline)}</p>
${
  rca.evidence.length
    ? `<ul>${rca.evidence.map(x => `<li>${e(x)}</li>`).join('')}</ul>`
    : ''
}`
    : ''
}
${
  remediation
    ? `<h2 style="font-size:16px;margin:0 0 4px 0">Remediation</h2>
<p>${e(`${remediation.executor} ${remediation.ref}: ${remediation.state}`)}${
        remediation.policy.reasons.length
          ? ` (${e(remediation.policy.reasons.join('; '))})`
          : ''
      }</p>`
    : ''
}
<p><a href="${e(
    links.incident,
  )}" style="background:#1565c0;color:#ffffff;padding:8px 14px;text-decoration:none;border-radius:4px">Open the incident</a></p>
<p style="color:#757575;font-size:12px">Sent by CloudOps AI for Backstage.</p>
</body></html>`;

  return {
    subject: `${followUp ? 'Re: ' : ''}[CloudOps] ${incident.title}`,
    html,
    text: describeDelivery(request),
    headers: [
      { name: 'References', value: thread },
      ...(followUp ? [{ name: 'In-Reply-To', value: thread }] : []),
      { name: 'X-CloudOps-Incident', value: incident.id },
      { name: 'X-CloudOps-Event', value: request.event },
    ],
    tags: {
      event: request.event,
      severity: incident.severity,
      incident: incident.id,
    },
  };
}
