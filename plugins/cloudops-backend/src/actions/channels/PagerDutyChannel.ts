import { Config } from '@backstage/config';
import {
  DeliveryEvent,
  IncidentSeverity,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  ActionDeliveryRequest,
  CloudopsActionChannel,
  DeliveryError,
  headlineOf,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { sendHttp } from './sendHttp';

const SEVERITY: Record<IncidentSeverity, string> = {
  critical: 'critical',
  high: 'error',
  warning: 'warning',
  info: 'info',
};

const ACTION: Partial<Record<DeliveryEvent, string>> = {
  opened: 'trigger',
  escalated: 'trigger',
  reopened: 'trigger',
  acknowledged: 'acknowledge',
  mitigated: 'acknowledge',
  resolved: 'resolve',
};

/**
 * PagerDuty Events API v2: an incident triggers an alert whose dedup key is
 * the incident's, acknowledgement and resolution follow it, and PagerDuty
 * deduplicates redeliveries by that key. The target names a routing key in
 * `cloudops.actions.pagerduty.routingKeys` (else `routingKey`).
 */
export class PagerDutyChannel implements CloudopsActionChannel {
  readonly id = 'pagerduty';
  readonly kinds = ['notify' as const, 'ticket' as const];

  static fromConfig(config: Config): PagerDutyChannel | undefined {
    const pd = config.getOptionalConfig('cloudops.actions.pagerduty');
    if (!pd) return undefined;
    const keys = new Map<string, string>();
    const named = pd.getOptionalConfig('routingKeys');
    for (const name of named?.keys() ?? []) {
      keys.set(name, named!.getString(name));
    }
    return new PagerDutyChannel({
      url: (
        pd.getOptionalString('url') ?? 'https://events.pagerduty.com'
      ).replace(/\/+$/, ''),
      routingKey: pd.getOptionalString('routingKey'),
      routingKeys: keys,
    });
  }

  constructor(
    private readonly options: {
      url: string;
      routingKey?: string;
      routingKeys: Map<string, string>;
    },
  ) {}

  async deliver(request: ActionDeliveryRequest) {
    const action = ACTION[request.event];
    if (!action) return { result: {} }; // approvals and remediation updates are not pages
    const routingKey = request.target
      ? this.options.routingKeys.get(request.target)
      : this.options.routingKey;
    if (!routingKey) {
      throw new DeliveryError(
        `No PagerDuty routing key ${
          request.target ? `named "${request.target}"` : ''
        } in cloudops.actions.pagerduty`,
        { retryable: false },
      );
    }
    const { incident, entity } = request;
    const dedupKey = `cloudops-${incident.id}`;
    const body: Record<string, unknown> = {
      routing_key: routingKey,
      event_action: action,
      dedup_key: dedupKey,
    };
    if (action === 'trigger') {
      body.payload = {
        summary: headlineOf(request).slice(0, 1024),
        source: incident.entityRef ?? incident.account ?? 'cloudops',
        severity: SEVERITY[incident.severity],
        timestamp: incident.createdAt,
        component: entity?.title ?? entity?.ref,
        group: incident.systemRef,
        class: incident.ruleId,
        custom_details: {
          incidentId: incident.id,
          state: incident.state,
          owner: incident.ownerRef ?? null,
          environment: entity?.environment ?? null,
          rootCause: request.rca?.headline ?? null,
        },
      };
      body.client = 'CloudOps AI';
      body.client_url = request.links.incident;
      body.links = [
        { href: request.links.incident, text: 'Incident in Backstage' },
      ];
    }
    const response = await sendHttp(
      'PagerDuty',
      `${this.options.url}/v2/enqueue`,
      { method: 'POST', body, signal: request.signal },
    );
    return { result: { dedupKey: response.body?.dedup_key ?? dedupKey } };
  }
}
