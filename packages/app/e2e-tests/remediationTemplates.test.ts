import { expect, test } from '@playwright/test';
import { raiseCheckoutIncident } from './demoIncident';
import { navigateInApp } from './navigate';
import { backendUrl, entityTabs, signInAsGuest } from './portal';

test.use({ viewport: { width: 1440, height: 1800 } });

test('an incident launches a remediation template prefilled, and the run reports back to it', async ({
  page,
  request,
}) => {
  const { incidentId, title, token } = await raiseCheckoutIncident(request);
  const run = Date.now().toString(36);

  await signInAsGuest(page);
  await navigateInApp(page, '/catalog/default/component/checkout-service');
  await entityTabs(page).getByRole('link', { name: 'Incidents' }).click();
  await navigateInApp(
    page,
    `/catalog/default/component/checkout-service/incidents/${incidentId}`,
  );
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  await page
    .getByRole('navigation', { name: 'Remediation templates' })
    .getByRole('link', { name: 'Silence and investigate' })
    .click();
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/cloudops-silence-and-investigate\?formData=/,
  );
  // The form opens with the incident filled in.
  await expect(page.getByRole('textbox', { name: /^Incident/ })).toHaveValue(
    incidentId,
  );
  await page
    .getByRole('textbox', { name: /What you are looking into/ })
    .fill(`checkout CPU ${run}`);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(
    page.getByText(/Acknowledge \(silences its alerts\)/),
  ).toBeVisible();

  // The run acknowledged the incident as the guest, with the reason on its timeline.
  await expect
    .poll(
      async () => {
        const response = await request.get(
          `${backendUrl}/api/cloudops/incidents/${incidentId}`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        const incident = await response.json();
        return {
          state: incident.state,
          noted: JSON.stringify(incident.timeline).includes(
            `checkout CPU ${run}`,
          ),
        };
      },
      { timeout: 60_000 },
    )
    .toEqual({ state: 'acknowledged', noted: true });
});
