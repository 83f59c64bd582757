import { screen } from '@testing-library/react';
import {
  renderWithApis,
  testIncident,
} from '../../__testUtils__/renderWithApis';
import { RemediationTemplateLinks } from './RemediationTemplateLinks';

describe('RemediationTemplateLinks', () => {
  it('links each incident template, prefilled with the incident', async () => {
    await renderWithApis(<RemediationTemplateLinks incident={testIncident} />, {
      api: {},
    });
    const nav = await screen.findByRole('navigation', {
      name: 'Remediation templates',
    });
    const links = [...nav.querySelectorAll('a')];
    expect(links.map(a => a.textContent)).toEqual([
      'Restart a deployment',
      'Roll back a deployment',
      'Scale a service',
      'Silence and investigate',
    ]);
    const url = new URL(links[0].getAttribute('href')!, 'http://portal.test');
    expect(url.pathname).toBe(
      '/create/templates/default/cloudops-restart-deployment',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      incidentId: testIncident.id,
    });
  });
});
