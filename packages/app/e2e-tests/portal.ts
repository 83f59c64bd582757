import { APIRequestContext, expect, Page } from '@playwright/test';

export const backendUrl =
  process.env.CLOUDOPS_BACKEND_URL ?? 'http://localhost:7007';

/** A Backstage token for the guest user, from the auth backend. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.ok()).toBe(true);
  return (await response.json()).backstageIdentity.token;
}

/** Signs in as the guest user and waits until the portal has loaded. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** The tabs of an entity page. */
export function entityTabs(page: Page) {
  return page.getByRole('navigation', { name: 'Content navigation' });
}
