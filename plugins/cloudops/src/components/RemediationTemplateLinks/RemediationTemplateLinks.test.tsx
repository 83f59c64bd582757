import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { act, screen } from '@testing-library/react';
import {
  renderWithApis,
  testIncident,
} from '../../__testUtils__/renderWithApis';
import { INCIDENT_REMEDIATION_TEMPLATES } from '../../remediationTemplates';
import { createFromTemplateRouteRef } from '../../routes';
import { RemediationTemplateLinks } from './RemediationTemplateLinks';

describe('RemediationTemplateLinks', () => {
  it('links each incident template, prefilled with the incident', async () => {
    await renderWithApis(<RemediationTemplateLinks incident={testIncident} />, {
      api: {},
      templates: [...INCIDENT_REMEDIATION_TEMPLATES],
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

  it('links only the templates registered in the catalog', async () => {
    await renderWithApis(<RemediationTemplateLinks incident={testIncident} />, {
      api: {},
      templates: ['cloudops-scale-service'],
    });
    const nav = await screen.findByRole('navigation', {
      name: 'Remediation templates',
    });
    expect([...nav.querySelectorAll('a')].map(a => a.textContent)).toEqual([
      'Scale a service',
    ]);
  });

  it('shows no links while no template is registered', async () => {
    await renderWithApis(<RemediationTemplateLinks incident={testIncident} />, {
      api: {},
      templates: [],
    });
    // Let the catalog lookup answer.
    await act(async () => {});
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('opens the scaffolder where the app mounts it', async () => {
    await renderWithApis(<RemediationTemplateLinks incident={testIncident} />, {
      api: {},
      templates: ['cloudops-restart-deployment'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/self-service/templates/:namespace/:templateName':
          createFromTemplateRouteRef,
      },
    });
    const link = await screen.findByRole('link', {
      name: 'Restart a deployment',
    });
    const url = new URL(link.getAttribute('href')!, 'http://portal.test');
    expect(url.pathname).toBe(
      '/self-service/templates/default/cloudops-restart-deployment',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      incidentId: testIncident.id,
    });
  });
});
