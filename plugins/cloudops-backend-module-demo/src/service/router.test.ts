import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  cloudopsDemoScenarioRunPermission,
  DemoScenario,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { startDemoBackend } from '../__testUtils__/demoBackend';
import { apiClient, OPERATOR } from '../__testUtils__/playScenario';

jest.setTimeout(120_000);

/** An entry of `GET /audit`. */
interface AuditEntry {
  action: string;
  actor: string;
  outcome: 'succeeded' | 'failed';
  meta: Record<string, unknown>;
}

/** Reads the portal but may not run demo scenarios. */
const VIEWER = 'user:default/viewer';

describe('the demo router', () => {
  let started: Awaited<ReturnType<typeof startDemoBackend>>;
  let base: string;

  beforeAll(async () => {
    started = await startDemoBackend({
      features: [
        mockServices.permissions.mock({
          async authorize(requests, options) {
            const user =
              options?.credentials.principal &&
              (options.credentials.principal as { userEntityRef?: string })
                .userEntityRef;
            return requests.map(r => ({
              result:
                user === VIEWER &&
                r.permission.name === cloudopsDemoScenarioRunPermission.name
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })) as any;
          },
        }).factory,
      ],
    });
    base = `http://localhost:${started.server.port()}/api/cloudops`;
  });

  afterAll(async () => {
    await started?.backend.stop();
  });

  const post = (path: string, body: unknown, user = OPERATOR) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.user.header(user),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  const auditOf = async (target: string) =>
    (await apiClient(base.replace(/\/api\/cloudops$/, '')).get<{
      items: AuditEntry[];
    }>(`/audit?target=${target}`))!.items;

  it("reads only its own routes' bodies: the plugin's routes still take theirs up to 1 MiB", async () => {
    const signals = Array.from({ length: 200 }, (_, i) => ({
      source: 'test',
      kind: 'metric',
      name: 'padding_bytes',
      timestamp: new Date(Date.UTC(2026, 10, 23, 10, 0, i)).toISOString(),
      value: i,
      labels: { note: 'x'.repeat(150) },
    }));
    const body = { signals };
    expect(JSON.stringify(body).length).toBeGreaterThan(32 * 1024);
    expect((await post('/signals', body)).status).toBe(202);

    const large = await post('/demo/scenarios', {
      kind: 'cpu-stress',
      target: 'x'.repeat(20 * 1024),
    });
    expect(large.status).toBe(413);
  });

  it('writes scenarios started and stopped to the audit log, with who did it', async () => {
    const res = await post('/demo/scenarios', { kind: 'cpu-stress' });
    expect(res.status).toBe(201);
    const scenario = (await res.json()) as DemoScenario;
    expect((await post(`/demo/scenarios/${scenario.id}/stop`, {})).status).toBe(
      200,
    );

    const entries = await auditOf(scenario.id);
    expect(
      entries.map(e => [e.action, e.actor, e.outcome, e.meta.action]).sort(),
    ).toEqual([
      ['demo-scenario', OPERATOR, 'succeeded', 'start'],
      ['demo-scenario', OPERATOR, 'succeeded', 'stop'],
    ]);

    // A second stop fails, and that is audited too.
    expect((await post(`/demo/scenarios/${scenario.id}/stop`, {})).status).toBe(
      409,
    );
    expect(
      (await auditOf(scenario.id)).filter(e => e.outcome === 'failed'),
    ).toHaveLength(1);
  });

  it('refuses a caller without cloudops.demo.run before validating the request, and audits it', async () => {
    const res = await post('/demo/scenarios', { kind: 'no-such-kind' }, VIEWER);
    expect(res.status).toBe(403);
    const audit = (await apiClient(base.replace(/\/api\/cloudops$/, '')).get<{
      items: AuditEntry[];
    }>('/audit?limit=500'))!.items;
    expect(
      audit
        .filter(e => e.actor === VIEWER)
        .map(e => [e.action, e.outcome, e.meta.action, e.meta.reason]),
    ).toEqual([
      [
        'demo-scenario',
        'failed',
        'start',
        'Missing permission cloudops.demo.run',
      ],
    ]);
  });

  it('says there is no such scenario for an id that is not one', async () => {
    expect(
      (await post(`/demo/scenarios/${'a'.repeat(300)}/stop`, {})).status,
    ).toBe(404);
  });

  it('reads series of an entity named in any case, as the core does', async () => {
    const series = async (entityRef: string) => {
      const res = await fetch(
        `${base}/demo/series?entityRef=${encodeURIComponent(entityRef)}`,
        { headers: { Authorization: mockCredentials.user.header(OPERATOR) } },
      );
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: unknown[] }).items.length;
    };
    const exact = await series('component:default/checkout-service');
    expect(exact).toBeGreaterThan(0);
    expect(await series('Component:checkout-service')).toBe(exact);
  });
});
