import { test, expect } from '@playwright/test';
import { signInAsGuest } from './portal';

test('the guest signs in as a platform engineer and sees the example estate', async ({
  page,
}) => {
  await signInAsGuest(page);
  // The guest is user:default/guest, a member of team-platform (examples/org.yaml).
  await expect(page.getByText('Owned Components (2)')).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'notification-worker' }),
  ).toBeVisible();

  await page.getByText('All', { exact: true }).click();
  await expect(
    page.getByRole('link', { name: 'checkout-service' }),
  ).toBeVisible();
});
