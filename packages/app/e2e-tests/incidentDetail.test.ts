import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { raiseCheckoutIncident } from './demoIncident';
import { navigateInApp } from './navigate';
import { entityTabs, signInAsGuest } from './portal';

// Tall enough that screenshots show whole views (the portal scrolls inside its main area).
test.use({ viewport: { width: 1440, height: 1800 } });

test('the incidents tab filters, opens an incident and moves it through its lifecycle', async ({
  page,
  request,
}) => {
  const { incidentId, title } = await raiseCheckoutIncident(request);
  const run = Date.now().toString(36);

  await signInAsGuest(page);
  await navigateInApp(page, '/catalog/default/component/checkout-service');
  await entityTabs(page).getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByRole('link', { name: title }).first()).toBeVisible();

  // Server-side text filter: only matching incidents remain.
  await page.getByLabel('Search title or description').fill('no-such-incident');
  await expect(page.getByText('No incidents')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('link', { name: title }).first()).toBeVisible();
  await expectNoSeriousA11yIssues(page, 'main');

  await navigateInApp(
    page,
    `/catalog/default/component/checkout-service/incidents/${incidentId}`,
  );
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(
    page.getByText('Candidate Root Cause', { exact: true }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('figure', { name: /container_cpu_usage_percent over time/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByTestId('cloudops-graph-canvas')).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'Entities in the graph' })
      .getByText('orders-db'),
  ).toBeVisible();
  // The root-cause analysis runs when the incident opens: its narrative and
  // ranked causes, or the note that it has not run yet.
  await expect(
    page
      .getByRole('list', { name: 'Ranked candidate root causes' })
      .or(page.getByText(/No root-cause analysis yet/)),
  ).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'Suggested runbooks' })
      .or(page.getByText('No runbook matches this incident.')),
  ).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'Similar past incidents' })
      .or(page.getByText('No similar resolved incident.')),
  ).toBeVisible();

  // Acknowledge with a note, by keyboard.
  const actions = page.getByRole('group', { name: 'Incident actions' });
  await actions.getByRole('button', { name: 'Acknowledge' }).focus();
  await page.keyboard.press('Enter');
  await page
    .getByRole('dialog')
    .getByRole('textbox')
    .fill(`Looking at orders-db ${run}`);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(
    page.getByText('Acknowledged', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    actions.getByRole('button', { name: 'Acknowledge' }),
  ).toHaveCount(0);
  await expect(
    page.getByText(
      new RegExp(`Moved to acknowledged by .*: Looking at orders-db ${run}`),
    ),
  ).toBeVisible();

  await actions.getByRole('button', { name: 'Resolve' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(actions.getByRole('button', { name: 'Reopen' })).toBeVisible();

  await actions.getByRole('button', { name: 'Add note' }).click();
  await page
    .getByRole('dialog')
    .getByRole('textbox')
    .fill(`Root cause: slow query on orders-db ${run}`);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(
    page.getByText(`Root cause: slow query on orders-db ${run}`),
  ).toBeVisible();

  await expectNoSeriousA11yIssues(page, 'main');
  await page.screenshot({
    path: 'artifacts/screenshots/incident-detail.png',
    fullPage: true,
  });
});
