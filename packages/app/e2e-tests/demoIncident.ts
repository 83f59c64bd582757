import { APIRequestContext, expect } from '@playwright/test';
import { backendUrl, guestToken } from './portal';

/**
 * Raises a realistic incident through the real signals API: the CPU of a
 * checkout-service pod climbs past 95% for more than five minutes (rule
 * k8s-cpu-critical), and the orders-db RDS CPU alarm fires meanwhile (rule
 * aws-rds-cpu), which correlation joins to the same incident through the
 * dependency graph (checkout-service → orders-service → orders-db), making
 * orders-db the candidate root cause. Unique per call, dated just before now.
 */
export async function raiseCheckoutIncident(
  request: APIRequestContext,
): Promise<{ incidentId: string; title: string; token: string }> {
  const token = await guestToken(request);
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const pod = `checkout-service-${run}`;
  const start = Date.now() - 20 * 60_000;
  const cpu = Array.from({ length: 16 }, (_, i) => ({
    source: 'prometheus',
    kind: 'metric',
    name: 'container_cpu_usage_percent',
    timestamp: start + i * 60_000,
    value: i < 6 ? 35 + i : 97 + (i % 3),
    labels: { app: 'checkout-service', namespace: 'shop', pod },
  }));
  const alarm = {
    source: 'cloudwatch',
    kind: 'alert',
    name: `orders-db-RDS-CPU-${run}`,
    status: 'firing',
    timestamp: start + 9 * 60_000,
    account: '111111111111',
    region: 'us-east-1',
    resource: 'arn:aws:rds:us-east-1:111111111111:db:orders-db',
    labels: {},
    message: 'RDS CPUUtilization above 90% for 3 datapoints',
  };
  const response = await request.post(`${backendUrl}/api/cloudops/signals`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { signals: [...cpu.slice(0, 12), alarm, ...cpu.slice(12)] },
  });
  expect(response.status()).toBe(202);
  const { incidentIds } = await response.json();
  expect(incidentIds.length).toBeGreaterThan(0);
  const incidentId: string = incidentIds[0];
  const api = `${backendUrl}/api/cloudops/incidents/${incidentId}`;
  const headers = { Authorization: `Bearer ${token}` };
  let incident = await (await request.get(api, { headers })).json();
  // A portal kept running between runs may have this incident in another
  // state already (one incident per dedup key): start every run from open.
  if (incident.state !== 'open') {
    for (const to of incident.state === 'resolved'
      ? ['open']
      : ['resolved', 'open']) {
      const moved = await request.post(`${api}/transition`, {
        headers,
        data: { to },
      });
      expect(moved.ok()).toBe(true);
      incident = await moved.json();
    }
  }
  return { incidentId, title: incident.title, token };
}
