import { test } from '@playwright/test';
import { raiseCheckoutIncident } from './demoIncident';
import { backendUrl } from './portal';

test('probe', async ({ request }) => {
  const r = await raiseCheckoutIncident(request);
  const d = await request.get(`${backendUrl}/api/cloudops/incidents/${r.incidentId}`, { headers: { Authorization: `Bearer ${r.token}` } });
  console.log(JSON.stringify(await d.json(), null, 1));
  const s = await request.get(`${backendUrl}/api/cloudops/incidents/${r.incidentId}/signals`, { headers: { Authorization: `Bearer ${r.token}` } });
  console.log(JSON.stringify((await s.json()).items.map((x: any) => [x.name, x.timestamp, x.value, x.status])));
});
