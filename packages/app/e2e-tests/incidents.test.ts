import { test, expect } from '@playwright/test';
import { backendUrl, entityTabs, guestToken, signInAsGuest } from './portal';

test('an incident raised through the API shows on the service Incidents tab', async ({
  page,
  request,
}) => {
  const title = `Checkout p99 latency above 2s (e2e ${Date.now()})`;
  const token = await guestToken(request);
  const created = await request.post(`${backendUrl}/api/cloudops/incidents`, {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      title,
      severity: 'critical',
      entityRef: 'component:default/checkout-service',
    },
  });
  expect(created.status()).toBe(201);

  await signInAsGuest(page);
  await page.goto('/catalog/default/component/checkout-service');

  await entityTabs(page).getByRole('link', { name: 'Incidents' }).click();
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByText(title)).toBeVisible();
  await expect(page.getByText('critical').first()).toBeVisible();

  await page.screenshot({
    path: 'artifacts/screenshots/checkout-service-incidents.png',
    fullPage: true,
  });
});

test('a service without CloudOps annotations has no Incidents tab', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/cloudops-ai');
  const tabs = entityTabs(page);
  await expect(tabs.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Incidents' })).toHaveCount(0);
});
