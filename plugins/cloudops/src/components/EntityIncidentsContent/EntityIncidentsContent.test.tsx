import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeSignals,
  renderWithApis,
  testIncident,
  testIncidentDetail,
} from '../../__testUtils__/renderWithApis';
import { headingOutline } from '../../__testUtils__/headingOutline';
import { EntityIncidentsContent } from './EntityIncidentsContent';

jest.setTimeout(20_000);

jest.mock('../DependencyGraph/GraphCanvas', () => ({
  GraphCanvas: () => <div data-testid="graph-canvas" />,
}));

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
};

function render(
  api: Parameters<typeof renderWithApis>[1]['api'],
  options: Partial<Parameters<typeof renderWithApis>[1]> = {},
) {
  return renderWithApis(
    <EntityProvider entity={entity}>
      <EntityIncidentsContent />
    </EntityProvider>,
    { api, ...options },
  );
}

describe('EntityIncidentsContent', () => {
  it("lists the entity's unresolved incidents, filtered on the server", async () => {
    const listIncidents = jest
      .fn()
      .mockResolvedValue({ items: [testIncident], totalCount: 1 });
    await render({ listIncidents });

    expect(
      await screen.findByRole('link', { name: testIncident.title }),
    ).toBeInTheDocument();
    expect(screen.getByText('Critical')).toBeInTheDocument();
    // The tab's card is a section right under the entity's h1.
    expect(
      screen.getByRole('heading', { level: 2, name: 'Incidents (1)' }),
    ).toBeInTheDocument();
    expect(listIncidents).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-service',
      state: ['open', 'acknowledged', 'mitigated'],
      severity: [],
      from: undefined,
      q: undefined,
      limit: 25,
      offset: 0,
    });
  });

  it('shows progress while loading', async () => {
    await render({ listIncidents: () => new Promise(() => {}) });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says so when nothing matches', async () => {
    await render({
      listIncidents: jest.fn().mockResolvedValue({ items: [], totalCount: 0 }),
    });
    expect(
      await screen.findByRole('heading', { level: 3, name: 'No incidents' }),
    ).toBeInTheDocument();
    expect(headingOutline()).toEqual(['h2 Incidents (0)', 'h3 No incidents']);
  });

  it('shows the error and loads again on retry', async () => {
    const listIncidents = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend unavailable'))
      .mockResolvedValue({ items: [testIncident], totalCount: 1 });
    await render({ listIncidents });

    expect(
      await screen.findByText('Could not load incidents', { exact: false }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('link', { name: testIncident.title }),
    ).toBeInTheDocument();
    expect(listIncidents).toHaveBeenCalledTimes(2);
  });

  it('sends severity, text and paging to the server', async () => {
    const listIncidents = jest
      .fn()
      .mockResolvedValue({ items: [testIncident], totalCount: 60 });
    await render({ listIncidents });
    await screen.findByRole('link', { name: testIncident.title });

    await userEvent.click(screen.getByRole('button', { name: /Severity/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Critical' }));
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(listIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ severity: ['critical'], offset: 0 }),
      ),
    );

    await userEvent.type(
      screen.getByLabelText('Search title or description'),
      'latency',
    );
    await waitFor(() =>
      expect(listIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'latency' }),
      ),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(listIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ offset: 25, limit: 25, q: 'latency' }),
      ),
    );
  });

  it('reloads when the backend announces incident changes', async () => {
    const signals = fakeSignals();
    const listIncidents = jest
      .fn()
      .mockResolvedValueOnce({ items: [], totalCount: 0 })
      .mockResolvedValue({ items: [testIncident], totalCount: 1 });
    await render({ listIncidents }, { signals });
    expect(await screen.findByText('No incidents')).toBeInTheDocument();
    expect(
      screen.getByText('Live: updates as incidents change'),
    ).toBeInTheDocument();

    await signals.incidentsChanged({ incidentIds: [testIncident.id], more: 0 });
    expect(
      await screen.findByRole('link', { name: testIncident.title }),
    ).toBeInTheDocument();
  });

  it('opens an incident within the tab', async () => {
    const api = {
      listIncidents: jest
        .fn()
        .mockResolvedValue({ items: [testIncident], totalCount: 1 }),
      getIncident: jest.fn().mockResolvedValue(testIncidentDetail),
      getIncidentSignals: jest.fn().mockResolvedValue({ items: [] }),
      getGraph: jest.fn().mockResolvedValue({
        rootRef: testIncident.entityRef,
        nodes: [],
        edges: [],
      }),
      getStats: jest.fn().mockResolvedValue({ groups: [] }),
      getIncidentRca: jest.fn().mockResolvedValue(undefined),
      listRemediations: jest.fn().mockResolvedValue({ items: [] }),
    };
    await render(api);
    await userEvent.click(
      await screen.findByRole('link', { name: testIncident.title }),
    );
    expect(
      await screen.findByRole('heading', { name: testIncident.title }),
    ).toBeInTheDocument();
    expect(api.getIncident).toHaveBeenCalledWith(testIncident.id);
    expect(
      screen.getByRole('link', { name: 'Back to incidents' }),
    ).toBeInTheDocument();
  });
});
