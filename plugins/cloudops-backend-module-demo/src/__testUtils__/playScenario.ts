import { mockCredentials } from '@backstage/backend-test-utils';
import {
  DemoScenario,
  DemoScenarioKind,
  Incident,
  IncidentRca,
  RemediationRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** Each scenario's default target, and the entity its incident is expected on. */
export const SCENARIO_EXPECTATIONS: Record<
  DemoScenarioKind,
  { target: string; incidentOn: string }
> = {
  'cpu-stress': {
    target: 'component:default/product-catalog',
    incidentOn: 'component:default/product-catalog',
  },
  'memory-leak': {
    target: 'component:default/orders-service',
    incidentOn: 'component:default/orders-service',
  },
  'crash-loop': {
    target: 'component:default/payments-service',
    incidentOn: 'component:default/payments-service',
  },
  'network-latency': {
    target: 'component:default/inventory-service',
    incidentOn: 'component:default/inventory-service',
  },
  'node-not-ready': {
    target: 'resource:default/eks-prod',
    incidentOn: 'resource:default/eks-prod',
  },
  'bad-deploy': {
    target: 'component:default/checkout-service',
    incidentOn: 'component:default/checkout-service',
  },
  // The database has no alert of its own: its callers' errors open the incident.
  'dependency-outage': {
    target: 'resource:default/payments-db',
    incidentOn: 'component:default/payments-service',
  },
};

/** The people of the test: one starts scenarios and asks for fixes, two approve. */
export const OPERATOR = 'user:default/dana.kowalski';
const APPROVERS = ['user:default/ana.silva', 'user:default/chen.li'];

/** What happened to one scenario, with its timings. */
export interface ScenarioRun {
  scenario: DemoScenario;
  incident: Incident;
  rca: IncidentRca;
  /** The RCA's most likely cause (the first candidate with evidence). */
  topCause?: string;
  remediation: RemediationRequest;
  resolved: Incident;
  /** Scenario start → incident opened. */
  detection: { simulatedMs: number; wallMs: number };
  /** Remediation executed → incident resolved. */
  recovery: { simulatedMs: number; wallMs: number };
  /** Backstage notifications delivered for the incident. */
  notificationsDelivered: number;
}

/** Polls `probe` until it returns something truthy, or fails after `timeoutMs`. */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined | false | null>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/** A client of the CloudOps API as one user of the mocked auth. */
export function apiClient(baseUrl: string) {
  const call = async <T>(
    method: string,
    path: string,
    options: { user?: string; body?: unknown; allow404?: boolean } = {},
  ): Promise<T | undefined> => {
    const send = () =>
      fetch(`${baseUrl}/api/cloudops${path}`, {
        method,
        headers: {
          Authorization: mockCredentials.user.header(options.user ?? OPERATOR),
          ...(options.body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: options.body ? JSON.stringify(options.body) : undefined,
      });
    // A kept-alive connection the server closed just as it was reused (its
    // idle timeout racing the client's on a loaded machine) resets; a read
    // is safe to send again once.
    const res = await send().catch(error => {
      if (method === 'GET' && error?.cause?.code === 'ECONNRESET') {
        return send();
      }
      throw error;
    });
    if (res.status === 404 && options.allow404) return undefined;
    if (!res.ok) {
      throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    }
    return (await res.json()) as T;
  };
  return {
    get: <T>(path: string, options?: { allow404?: boolean }) =>
      call<T>('GET', path, options),
    post: <T>(path: string, body: unknown, user?: string) =>
      call<T>('POST', path, { body, user }) as Promise<T>,
  };
}

/** Waits until the demo fleet's history has been pushed for every shard. */
export async function historyPushed(baseUrl: string, shards = 4) {
  const api = apiClient(baseUrl);
  await poll('the demo fleet history', async () => {
    const health = await api.get<{
      items: Array<{ detector: string; lastRun: { outcome: string } }>;
    }>('/detectors/health');
    return (
      health!.items.filter(
        i =>
          i.detector === 'demo-fleet-history' &&
          i.lastRun.outcome === 'succeeded',
      ).length >= shards
    );
  });
}

/**
 * Plays one scenario through the whole path, as people would: start it
 * (API), wait for its incident and RCA, check the owning team was notified,
 * ask for the RCA's first executable suggestion with the demo executor,
 * approve it as two other people when the policy asks, and wait for the
 * incident to resolve.
 */
export async function playScenario(
  baseUrl: string,
  kind: DemoScenarioKind,
  options: { target?: string; timeoutMs?: number } = {},
): Promise<ScenarioRun> {
  const api = apiClient(baseUrl);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const wallStart = Date.now();
  const scenario = await api.post<DemoScenario>('/demo/scenarios', {
    kind,
    target: options.target,
  });
  const startedAt = Date.parse(scenario.startedAt);
  const entity = SCENARIO_EXPECTATIONS[kind].incidentOn;

  const incident = await poll(
    `an incident after ${kind}`,
    async () => {
      const list = await api.get<{ items: Incident[] }>(
        `/incidents?state=open&limit=20`,
      );
      return list!.items
        .filter(i => Date.parse(i.createdAt) >= startedAt)
        .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0];
    },
    timeoutMs,
  );
  const detection = {
    simulatedMs: Date.parse(incident.createdAt) - startedAt,
    wallMs: Date.now() - wallStart,
  };

  const rca = await poll(
    'its root-cause analysis',
    () =>
      api.get<IncidentRca>(`/incidents/${incident.id}/rca`, { allow404: true }),
    timeoutMs,
  );
  const topCause = rca.ranking.find(
    c => c.series?.length || c.changes?.length,
  )?.service;

  const notificationsDelivered = await poll(
    'a Backstage notification',
    async () => {
      const deliveries = await api.get<{
        items: Array<{ channel: string; status: string }>;
      }>(`/actions/deliveries?incidentId=${incident.id}&channel=notifications`);
      return deliveries!.items.filter(d => d.status === 'delivered').length;
    },
    timeoutMs,
  );

  const fix = rca.remediations.find(r => r.executable);
  if (!fix) {
    throw new Error(
      `The RCA of ${kind} suggests nothing executable: ${JSON.stringify(
        rca.remediations,
      )}`,
    );
  }
  let remediation = await api.post<RemediationRequest>(
    `/incidents/${incident.id}/remediations`,
    { executor: 'demo', ref: fix.runbookId },
  );
  const executedAt = { wall: 0, sim: 0 };
  for (const approver of APPROVERS) {
    const remediationId = remediation.id;
    remediation = await poll(
      'the remediation to be planned',
      async () => {
        const current = await api.get<RemediationRequest>(
          `/remediations/${remediationId}`,
        );
        return !['requested', 'dry-run'].includes(current!.state) && current;
      },
      timeoutMs,
    );
    if (remediation.state !== 'awaiting-approval') break;
    remediation = await api.post<RemediationRequest>(
      `/remediations/${remediation.id}/decision`,
      { decision: 'approve' },
      approver,
    );
  }
  remediation = await poll(
    'the remediation to finish',
    async () => {
      const current = await api.get<RemediationRequest>(
        `/remediations/${remediation.id}`,
      );
      return (
        ['succeeded', 'failed', 'blocked', 'rejected'].includes(
          current!.state,
        ) && current
      );
    },
    timeoutMs,
  );
  executedAt.wall = Date.now();
  const demo = await api.get<{ now: string }>('/demo');
  executedAt.sim = Date.parse(demo!.now);

  const resolved = await poll(
    `the incident on ${entity} to resolve`,
    async () => {
      const current = await api.get<Incident>(`/incidents/${incident.id}`);
      return current!.state === 'resolved' && current;
    },
    timeoutMs,
  );
  const ended = (await api.get<{ items: DemoScenario[] }>(
    '/demo/scenarios',
  ))!.items.find(s => s.id === scenario.id)!;
  return {
    scenario: ended,
    incident,
    rca,
    topCause,
    remediation,
    resolved,
    detection,
    recovery: {
      simulatedMs: Date.parse(resolved.resolvedAt!) - executedAt.sim,
      wallMs: Date.now() - executedAt.wall,
    },
    notificationsDelivered,
  };
}
