import { Config } from '@backstage/config';
import {
  DeliveryEvent,
  IncidentSeverity,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  ActionDeliveryRequest,
  CloudopsActionChannel,
  describeDelivery,
  headlineOf,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { basicAuth, sendHttp } from './sendHttp';

/** ServiceNow urgency and impact (1 high … 3 low) by severity. */
const PRIORITY: Record<IncidentSeverity, { urgency: string; impact: string }> =
  {
    critical: { urgency: '1', impact: '1' },
    high: { urgency: '1', impact: '2' },
    warning: { urgency: '2', impact: '2' },
    info: { urgency: '3', impact: '3' },
  };

/** ServiceNow incident states: 1 New, 2 In Progress, 6 Resolved. */
const STATE: Partial<Record<DeliveryEvent, Record<string, string>>> = {
  acknowledged: { state: '2' },
  mitigated: { state: '2' },
  resolved: {
    state: '6',
    close_code: 'Solved (Permanently)',
    close_notes: 'Resolved in CloudOps AI',
  },
  reopened: { state: '1' },
};

/**
 * ServiceNow (Table API, `incident` table): an incident opens a ServiceNow
 * incident whose `correlation_id` is the incident's id (looked up before
 * creating, so a redelivery finds it), later events add work notes (a
 * redelivery first looks for its idempotency key in the journal) and move
 * its state, also of an incident a later event created (its opening was
 * dead-lettered). The target is an assignment group.
 */
export class ServiceNowChannel implements CloudopsActionChannel {
  readonly id = 'servicenow';
  readonly kinds = ['ticket' as const];

  static fromConfig(config: Config): ServiceNowChannel | undefined {
    const sn = config.getOptionalConfig('cloudops.actions.servicenow');
    if (!sn) return undefined;
    return new ServiceNowChannel({
      instanceUrl: sn.getString('instanceUrl').replace(/\/+$/, ''),
      authorization: basicAuth(
        sn.getString('username'),
        sn.getString('password'),
      ),
      assignmentGroup: sn.getOptionalString('assignmentGroup'),
    });
  }

  constructor(
    private readonly options: {
      instanceUrl: string;
      authorization: string;
      assignmentGroup?: string;
    },
  ) {}

  async deliver(request: ActionDeliveryRequest) {
    let sysId = request.thread.sysId as string | undefined;
    let number = request.thread.number as string | undefined;
    let created = false;
    if (!sysId) {
      const found = await this.table(
        'GET',
        `incident?sysparm_query=${encodeURIComponent(
          `correlation_id=${request.incident.id}`,
        )}&sysparm_fields=sys_id,number&sysparm_limit=1`,
        request.signal,
      );
      const record = found.body?.result?.[0] ?? (await this.create(request));
      created = !found.body?.result?.[0];
      sysId = record.sys_id as string;
      number = record.number as string;
    }
    if (request.event !== 'opened') {
      // An incident this event created describes it already; it still
      // needs the event's state (it was created New).
      const noted =
        created || (request.redelivery && (await this.noted(sysId, request)));
      const update = {
        ...(noted
          ? {}
          : {
              work_notes: `${describeDelivery(request)}\n[${
                request.idempotencyKey
              }]`,
            }),
        ...STATE[request.event],
      };
      if (Object.keys(update).length > 0) {
        await this.table('PATCH', `incident/${sysId}`, request.signal, update);
      }
    }
    return { result: { sysId, number } };
  }

  private async create(request: ActionDeliveryRequest) {
    const { incident } = request;
    const response = await this.table('POST', 'incident', request.signal, {
      short_description: headlineOf(request).slice(0, 160),
      description: describeDelivery(request),
      correlation_id: incident.id,
      correlation_display: 'CloudOps AI',
      category: 'Software',
      ...PRIORITY[incident.severity],
      ...(request.target ?? this.options.assignmentGroup
        ? { assignment_group: request.target ?? this.options.assignmentGroup }
        : {}),
    });
    return response.body.result;
  }

  /** Whether this delivery's work note is already in the incident's journal. */
  private async noted(sysId: string, request: ActionDeliveryRequest) {
    const found = await this.table(
      'GET',
      `sys_journal_field?sysparm_query=${encodeURIComponent(
        `element_id=${sysId}^valueLIKE${request.idempotencyKey}`,
      )}&sysparm_fields=sys_id&sysparm_limit=1`,
      request.signal,
    );
    return (found.body?.result ?? []).length > 0;
  }

  private table(
    method: string,
    path: string,
    signal: AbortSignal,
    body?: unknown,
  ) {
    return sendHttp(
      `ServiceNow ${method} ${path.split('?')[0]}`,
      `${this.options.instanceUrl}/api/now/table/${path}`,
      {
        method,
        body,
        signal,
        headers: { authorization: this.options.authorization },
      },
    );
  }
}
