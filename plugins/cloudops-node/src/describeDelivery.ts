import { ActionDeliveryRequest } from './actions';

/**
 * A one-line headline of a delivery, for chat messages, tickets and pages.
 *
 * @public
 */
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

/**
 * The plain-text body of a delivery: what, where, why, and the link.
 *
 * @public
 */
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

/**
 * A delivery as a JSON document, for machines (webhooks, queues, functions):
 * the event, a headline, the incident, its entity, the RCA, the remediation
 * request and the links, with the delivery's idempotency key.
 *
 * @public
 */
export function deliveryDocument(request: ActionDeliveryRequest): string {
  return JSON.stringify({
    idempotencyKey: request.idempotencyKey,
    event: request.event,
    summary: headlineOf(request),
    incident: request.incident,
    entity: request.entity ?? null,
    rca: request.rca ?? null,
    remediation: request.remediation ?? null,
    links: request.links,
  });
}
