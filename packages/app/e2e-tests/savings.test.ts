import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { navigateInApp } from './navigate';
import { signInAsGuest } from './portal';

// Tall enough that screenshots show whole views (the portal scrolls inside its main area).
test.use({ viewport: { width: 1440, height: 1800 } });

test('the cost-savings card, the opportunities with filters and the weekly reports', async ({
  page,
}) => {
  await signInAsGuest(page);

  // The card on a service's overview.
  await navigateInApp(page, '/catalog/default/component/checkout-service');
  const card = page.getByText('Cost savings', { exact: true });
  await card.scrollIntoViewIfNeeded();
  await expect(card).toBeVisible();
  await expect(page.getByText('Potential per month')).toBeVisible();
  await expect(page.getByText('Realized to date').first()).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'Top opportunities' })
      .or(page.getByText('No open savings opportunity.')),
  ).toBeVisible();
  await page.screenshot({
    path: 'artifacts/screenshots/cost-savings-card.png',
    fullPage: true,
  });

  // Every opportunity, from the CloudOps page's navigation, by keyboard.
  await navigateInApp(page, '/cloudops');
  await page.getByRole('link', { name: 'Savings', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/cloudops\/savings$/);
  const filters = page.getByRole('search', { name: 'Opportunity filters' });
  await expect(filters).toBeVisible();
  const results = page
    .getByRole('table', { name: 'Savings opportunities' })
    .or(page.getByText('No opportunity matches these filters.'));
  await expect(results).toBeVisible();
  await filters.getByLabel('Team (group)').fill('team-nobody');
  await expect(page).toHaveURL(/team=team-nobody/);
  await expect(
    page.getByText('No opportunity matches these filters.'),
  ).toBeVisible();
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/cloudops\/savings$/);
  await expect(results).toBeVisible();
  await expectNoSeriousA11yIssues(page, 'main');
  await page.screenshot({
    path: 'artifacts/screenshots/savings-opportunities.png',
    fullPage: true,
  });

  // The weekly reports.
  await page.getByRole('link', { name: 'Weekly reports' }).click();
  await expect(page).toHaveURL(/\/cloudops\/savings\/reports$/);
  await expect(
    page
      .getByRole('table', { name: 'Weekly reports' })
      .or(page.getByText('No reports yet')),
  ).toBeVisible();
  await expectNoSeriousA11yIssues(page, 'main');
  await page.screenshot({
    path: 'artifacts/screenshots/savings-reports.png',
    fullPage: true,
  });
});
