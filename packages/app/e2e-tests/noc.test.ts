import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yIssues } from './a11y';
import { raiseCheckoutIncident } from './demoIncident';
import { navigateInApp } from './navigate';
import { signInAsGuest } from './portal';

// Tall enough that screenshots show whole views (the portal scrolls inside its main area).
test.use({ viewport: { width: 1440, height: 1800 } });

test('the NOC dashboard shows figures, the heat map, the live stream and detector health', async ({
  page,
  request,
}) => {
  const { title } = await raiseCheckoutIncident(request);
  await signInAsGuest(page);

  // The page is in the app's navigation; reach it by keyboard.
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'CloudOps NOC' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/cloudops$/);

  const kpis = page.getByRole('list', { name: 'Key figures' });
  await expect(kpis.getByText('Open incidents')).toBeVisible();
  await expect(kpis.getByText('MTTA')).toBeVisible();
  // Its explanation shows when its button is reached by keyboard.
  await kpis.getByRole('button', { name: /Mean time to resolve/ }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(
    kpis.getByRole('button', { name: /Mean time to acknowledge/ }),
  ).toBeFocused();
  await expect(
    page.getByRole('tooltip', { name: /Mean time to acknowledge/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('figure', { name: /Incidents opened per/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('log', { name: 'Live incident stream' }).getByRole('link', {
      name: title,
    }),
  ).toBeVisible();
  const heat = page.getByRole('table', {
    name: 'Open incidents by system and account',
  });
  await expect(heat.getByRole('rowheader', { name: 'shop' })).toBeVisible();
  await expect(
    heat.getByRole('columnheader', { name: '111111111111' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Detector health' })
      .or(page.getByText('No detector has run yet.')),
  ).toBeVisible();
  await expectNoSeriousA11yIssues(page, 'main');
  await page.screenshot({
    path: 'artifacts/screenshots/noc-dashboard.png',
    fullPage: true,
  });

  // A live update: an incident raised now appears without a reload.
  const token = await request
    .get('http://localhost:7007/api/auth/guest/refresh', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    })
    .then(async r => (await r.json()).backstageIdentity.token);
  const liveTitle = `Payments 5xx burst (live ${Date.now()})`;
  const created = await request.post(
    'http://localhost:7007/api/cloudops/incidents',
    {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        title: liveTitle,
        severity: 'high',
        entityRef: 'component:default/payments-service',
      },
    },
  );
  expect(created.status()).toBe(201);
  await expect(
    page.getByRole('log', { name: 'Live incident stream' }).getByRole('link', {
      name: liveTitle,
    }),
  ).toBeVisible({ timeout: 15_000 });

  // A heat-map cell leads to those incidents: the list narrowed to the
  // cell's system and account (the demo fleet adds incidents there too, so
  // ours need not be on the first page).
  await heat.getByRole('link', { name: /^shop in 111111111111/ }).click();
  await expect(page).toHaveURL(/\/cloudops\/incidents\?system=/);
  await expect(page).toHaveURL(/account=111111111111/);
  const list = page.getByRole('table', { name: 'Incidents' });
  await expect(list.getByRole('link').first()).toBeVisible();
  expect(await list.getByRole('row').count()).toBeGreaterThan(1);
});

test('the dependency graph draws the estate around a service with incident state', async ({
  page,
  request,
}) => {
  await raiseCheckoutIncident(request);
  await signInAsGuest(page);
  await navigateInApp(
    page,
    '/cloudops/graph?entityRef=component%3Adefault%2Fcheckout-service&depth=2',
  );
  const canvas = page.getByTestId('cloudops-graph-canvas');
  await expect(canvas).toBeVisible();
  await expect(canvas.locator('canvas').first()).toBeVisible();
  const list = page.getByRole('list', { name: 'Entities in the graph' });
  await expect(list.getByText('orders-db')).toBeVisible();
  await expect(list.getByText(/suspect of \d+/).first()).toBeVisible();

  // Keyboard: filter the list, select an entity, see its details.
  await page.getByLabel('Entity', { exact: true }).first().focus();
  await page.getByRole('textbox', { name: 'Entity' }).nth(1).fill('orders-db');
  await list.getByRole('button', { name: /orders-db/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'orders-db' })).toBeVisible();
  await expect(page.getByText('resource:default/orders-db')).toBeVisible();

  // The canvas takes pointer input: zoom with the wheel, click a node.
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -200);
  await page.getByRole('button', { name: 'Fit to screen' }).click();

  await expectNoSeriousA11yIssues(page, 'main');
  await page.screenshot({
    path: 'artifacts/screenshots/dependency-graph.png',
    fullPage: true,
  });
});
