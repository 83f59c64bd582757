import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { GraphPage } from './GraphPage';

jest.setTimeout(20_000);

jest.mock('../DependencyGraph/GraphCanvas', () => ({
  GraphCanvas: (props: any) => (
    <div data-testid="graph-canvas" aria-label={props.label} />
  ),
}));

const graph = {
  rootRef: 'component:default/web',
  nodes: [
    { entityRef: 'component:default/web', kind: 'component', name: 'web' },
  ],
  edges: [],
};

describe('GraphPage', () => {
  it('asks for an entity first', async () => {
    const getGraph = jest.fn();
    await renderWithApis(<GraphPage />, { api: { getGraph } });
    expect(
      screen.getByText('Choose an entity to draw its dependency graph.'),
    ).toBeInTheDocument();
    expect(getGraph).not.toHaveBeenCalled();
  });

  it('draws the graph of the entity and depth in the URL', async () => {
    const getGraph = jest.fn().mockResolvedValue(graph);
    const getStats = jest.fn().mockResolvedValue({ groups: [] });
    await renderWithApis(<GraphPage />, {
      api: { getGraph, getStats },
      routeEntries: ['/?entityRef=component%3Adefault%2Fweb&depth=3'],
    });
    expect(await screen.findByTestId('graph-canvas')).toBeInTheDocument();
    expect(getGraph).toHaveBeenCalledWith('component:default/web', 3);
    // The selected entity is a part of the page's card.
    await userEvent.click(screen.getByRole('button', { name: /web/ }));
    expect(
      screen.getByRole('heading', { level: 2, name: 'Dependency graph' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 3, name: 'web' }),
    ).toBeInTheDocument();
    expect(getStats).toHaveBeenCalledWith({
      state: ['open', 'acknowledged', 'mitigated'],
      groupBy: 'entity',
      groupLimit: 2000,
    });
  });

  it('shows the error (an unknown entity) and loads again on retry', async () => {
    const getGraph = jest
      .fn()
      .mockRejectedValueOnce(
        new Error('No catalog entity component:default/nope'),
      )
      .mockResolvedValue(graph);
    await renderWithApis(<GraphPage />, {
      api: { getGraph, getStats: jest.fn().mockResolvedValue({ groups: [] }) },
      routeEntries: ['/?entityRef=component%3Adefault%2Fweb'],
    });
    expect(
      await screen.findByText('Could not load the dependency graph', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('No catalog entity component:default/nope', {
        exact: false,
      }).length,
    ).toBeGreaterThan(0);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('graph-canvas')).toBeInTheDocument();
  });
});
