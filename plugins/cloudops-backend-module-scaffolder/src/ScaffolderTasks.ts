import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/config';
import { ResponseError } from '@backstage/errors';

/** A task as `GET /v2/tasks/:id` returns it. */
export interface ScaffolderTask {
  id: string;
  status: 'open' | 'processing' | 'failed' | 'completed' | 'cancelled' | string;
  createdBy?: string;
  spec: { templateInfo?: { entityRef?: string } };
}

/** One entry of a task's event log (`GET /v2/tasks/:id/events`). */
export interface ScaffolderTaskEvent {
  id: number;
  type: 'log' | 'completion' | 'cancelled' | 'recovered' | string;
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    output?: JsonObject;
    error?: { name?: string; message?: string };
  };
}

/** What `POST /v2/dry-run` answers. */
export interface ScaffolderDryRun {
  log: Array<{ body: ScaffolderTaskEvent['body'] }>;
  output: JsonObject;
  steps: Array<{ id: string; name: string; action: string }>;
}

/**
 * The scaffolder backend's task API (`/api/scaffolder/v2`), called as the
 * cloudops plugin: the scaffolder sees a service principal, so permission
 * checks pass as for any backend-to-backend call and tasks are created by
 * no user (`createdBy` is empty, `user.ref` in templates is undefined).
 */
export class ScaffolderTasks {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  /** Starts a task from a template in the catalog; returns its id. */
  async create(
    templateRef: string,
    values: JsonObject,
    signal: AbortSignal,
  ): Promise<string> {
    const { id } = await this.call<{ id: string }>(
      'POST',
      '/v2/tasks',
      { templateRef, values, secrets: {} },
      signal,
    );
    return id;
  }

  get(taskId: string, signal: AbortSignal): Promise<ScaffolderTask> {
    return this.call(
      'GET',
      `/v2/tasks/${encodeURIComponent(taskId)}`,
      undefined,
      signal,
    );
  }

  /**
   * The task's events after `after`: waits (up to 30 seconds, on the
   * scaffolder's side) until there are any.
   */
  events(
    taskId: string,
    after: number | undefined,
    signal: AbortSignal,
  ): Promise<ScaffolderTaskEvent[]> {
    const query = after === undefined ? '' : `?after=${after}`;
    return this.call(
      'GET',
      `/v2/tasks/${encodeURIComponent(taskId)}/events${query}`,
      undefined,
      signal,
    );
  }

  /** Runs a template in the scaffolder's dry-run mode: actions that support it only. */
  dryRun(
    template: JsonObject,
    values: JsonObject,
    signal: AbortSignal,
  ): Promise<ScaffolderDryRun> {
    return this.call(
      'POST',
      '/v2/dry-run',
      { template, values, secrets: {}, directoryContents: [] },
      signal,
    );
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: object | undefined,
    signal: AbortSignal,
  ): Promise<T> {
    const { auth, discovery } = this.deps;
    const [baseUrl, { token }] = await Promise.all([
      discovery.getBaseUrl('scaffolder'),
      auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'scaffolder',
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
