import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CloudopsApi, cloudopsApiRef } from '../../api';
import { EntityIncidentsContent } from './EntityIncidentsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
};

const incident: Incident = {
  id: 'a1',
  title: 'Checkout p99 latency above 2s',
  severity: 'critical',
  state: 'open',
  entityRef: 'component:default/checkout-service',
  createdBy: 'user:default/ana.silva',
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  labels: {},
  signalCount: 1,
};

function renderWith(api: Partial<CloudopsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[cloudopsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityIncidentsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityIncidentsContent', () => {
  it("lists the entity's incidents", async () => {
    const listIncidents = jest
      .fn()
      .mockResolvedValue({ items: [incident], totalCount: 1 });
    await renderWith({ listIncidents });

    expect(
      await screen.findByText('Checkout p99 latency above 2s'),
    ).toBeInTheDocument();
    expect(screen.getByText('critical')).toBeInTheDocument();
    expect(screen.getByText('Incidents (1)')).toBeInTheDocument();
    expect(listIncidents).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout-service',
      limit: 100,
    });
  });

  it('says so when there are none', async () => {
    await renderWith({
      listIncidents: jest.fn().mockResolvedValue({ items: [], totalCount: 0 }),
    });
    expect(await screen.findByText('No incidents')).toBeInTheDocument();
  });

  it('shows the error and loads again on retry', async () => {
    const listIncidents = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend unavailable'))
      .mockResolvedValue({ items: [incident], totalCount: 1 });
    await renderWith({ listIncidents });

    expect(
      await screen.findByText('Could not load incidents', { exact: false }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('Checkout p99 latency above 2s'),
    ).toBeInTheDocument();
    expect(listIncidents).toHaveBeenCalledTimes(2);
  });
});
