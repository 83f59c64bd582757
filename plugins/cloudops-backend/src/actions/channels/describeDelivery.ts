import { ActionDeliveryRequest } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** A one-line headline of a delivery, for chat messages, tickets and pages. */
export function headlineOf(request: ActionDeliveryRequest): string {
  const { incident, event, remediation } = request;
  switch (event) {
    case 'opened':
      return `[${incident.severity.toUpperCase()}] ${incident.title}`;
    case 'escalated':
      return `Escalated to ${incident.severity}: ${incident.title}`;
    case 'approval-requested':
      return `Approval needed: ${remediation?.executor} ${remediation?.ref} for ${incident.title}`;
    case 'remediation-updated':
      return `Remediation ${remediation?.executor} ${remediation?.ref} is ${remediation?.state}: ${incident.title}`;
    default:
      return `${event[0].toUpperCase()}${event.slice(1)}: ${incident.title}`;
  }
}

/** The plain-text body: what, where, why, and the link. */
export function describeDelivery(request: ActionDeliveryRequest): string {
  const { incident, entity, rca, remediation, links } = request;
  const lines = [
    headlineOf(request),
    `Severity: ${incident.severity} · State: ${incident.state}`,
  ];
  if (entity) {
    lines.push(
      `Service: ${entity.title ?? entity.ref}${
        entity.environment ? ` (${entity.environment})` : ''
      }${entity.ownerRef ? ` · Owner: ${entity.ownerRef}` : ''}`,
    );
  }
  if (incident.account) lines.push(`Account: ${incident.account}`);
  if (rca?.headline) lines.push(`Root cause: ${rca.headline}`);
  if (remediation) {
    lines.push(
      `Remediation: ${remediation.executor} ${remediation.ref} — ${
        remediation.state
      }${
        remediation.policy.reasons.length
          ? ` (${remediation.policy.reasons.join('; ')})`
          : ''
      }`,
    );
  }
  if (incident.description) lines.push('', incident.description);
  lines.push('', `Details: ${links.incident}`);
  return lines.join('\n');
}
