import { Config } from '@backstage/config';
import { DeliveryEvent } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  ActionDeliveryRequest,
  CloudopsActionChannel,
  DeliveryError,
  describeDelivery,
  headlineOf,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { basicAuth, sendHttp } from './sendHttp';

/** Text as an Atlassian Document Format document: a paragraph per line. */
export function adf(text: string) {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map(line => ({
      type: 'paragraph',
      content: line ? [{ type: 'text', text: line }] : [],
    })),
  };
}

const DELIVERY_PROPERTY = 'cloudops.delivery';

interface JiraOptions {
  baseUrl: string;
  authorization: string;
  project?: string;
  issueType: string;
  /** Transition names to take on incident events, e.g. resolved → Done. */
  transitions: Partial<Record<DeliveryEvent, string>>;
}

/**
 * Jira Cloud (REST API v3): an incident opens an issue labelled with the
 * incident's id (found again by a JQL search instead of created twice),
 * later events add comments carrying the delivery's idempotency key as a
 * comment property (not added twice), and configured events take a
 * workflow transition by name. The target is the project key.
 */
export class JiraChannel implements CloudopsActionChannel {
  readonly id = 'jira';
  readonly kinds = ['ticket' as const];

  static fromConfig(config: Config): JiraChannel | undefined {
    const jira = config.getOptionalConfig('cloudops.actions.jira');
    if (!jira) return undefined;
    const transitions = jira.getOptionalConfig('transitions');
    return new JiraChannel({
      baseUrl: jira.getString('baseUrl').replace(/\/+$/, ''),
      authorization: basicAuth(
        jira.getString('email'),
        jira.getString('apiToken'),
      ),
      project: jira.getOptionalString('project'),
      issueType: jira.getOptionalString('issueType') ?? 'Task',
      transitions: Object.fromEntries(
        (transitions?.keys() ?? []).map(k => [k, transitions!.getString(k)]),
      ),
    });
  }

  constructor(private readonly options: JiraOptions) {}

  async deliver(request: ActionDeliveryRequest) {
    let key = request.thread.issueKey as string | undefined;
    let created = false;
    if (!key) {
      key = await this.findIssue(request);
      if (!key) {
        key = await this.createIssue(request);
        created = true;
      }
    }
    if (!created && request.event !== 'opened') {
      await this.comment(key, request);
    }
    const transition = this.options.transitions[request.event];
    if (transition) await this.transition(key, transition, request.signal);
    return {
      result: {
        issueKey: key,
        issueUrl: `${this.options.baseUrl}/browse/${key}`,
      },
    };
  }

  private label(request: ActionDeliveryRequest) {
    return `cloudops-${request.incident.id}`;
  }

  private call(
    path: string,
    init: { method: string; body?: unknown; signal: AbortSignal },
  ) {
    return sendHttp(
      `Jira ${init.method} ${path.split('?')[0]}`,
      `${this.options.baseUrl}${path}`,
      {
        ...init,
        headers: { authorization: this.options.authorization },
      },
    );
  }

  private async findIssue(request: ActionDeliveryRequest) {
    const jql = `labels = "${this.label(request)}"`;
    const found = await this.call(
      `/rest/api/3/search/jql?jql=${encodeURIComponent(
        jql,
      )}&fields=key&maxResults=1`,
      { method: 'GET', signal: request.signal },
    );
    return found.body?.issues?.[0]?.key as string | undefined;
  }

  private async createIssue(request: ActionDeliveryRequest) {
    const project = request.target ?? this.options.project;
    if (!project) {
      throw new DeliveryError(
        'No Jira project: name one in the rule (ticket.project) or in cloudops.actions.jira.project',
        { retryable: false },
      );
    }
    const response = await this.call('/rest/api/3/issue', {
      method: 'POST',
      signal: request.signal,
      body: {
        fields: {
          project: { key: project },
          issuetype: { name: this.options.issueType },
          summary: headlineOf(request).slice(0, 255),
          description: adf(describeDelivery(request)),
          labels: ['cloudops', this.label(request)],
        },
      },
    });
    return response.body.key as string;
  }

  private async comment(key: string, request: ActionDeliveryRequest) {
    const path = `/rest/api/3/issue/${encodeURIComponent(key)}/comment`;
    if (request.redelivery) {
      const existing = await this.call(
        `${path}?expand=properties&maxResults=100&orderBy=-created`,
        {
          method: 'GET',
          signal: request.signal,
        },
      );
      const done = (existing.body?.comments ?? []).some((c: any) =>
        (c.properties ?? []).some(
          (p: any) =>
            p.key === DELIVERY_PROPERTY &&
            p.value?.idempotencyKey === request.idempotencyKey,
        ),
      );
      if (done) return;
    }
    await this.call(path, {
      method: 'POST',
      signal: request.signal,
      body: {
        body: adf(describeDelivery(request)),
        properties: [
          {
            key: DELIVERY_PROPERTY,
            value: { idempotencyKey: request.idempotencyKey },
          },
        ],
      },
    });
  }

  private async transition(key: string, name: string, signal: AbortSignal) {
    const path = `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`;
    const available = await this.call(path, { method: 'GET', signal });
    const match = (available.body?.transitions ?? []).find(
      (t: any) =>
        t.name?.toLowerCase() === name.toLowerCase() ||
        t.to?.name?.toLowerCase() === name.toLowerCase(),
    );
    // Not offered: the issue is already there (a redelivery) or the workflow has no such step.
    if (!match) return;
    await this.call(path, {
      method: 'POST',
      signal,
      body: { transition: { id: match.id } },
    });
  }
}
