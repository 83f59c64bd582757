import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { DependencyGraph } from './DependencyGraph';
import { drawModel } from './drawModel';

jest.setTimeout(20_000);

const canvas = jest.fn();
jest.mock('./GraphCanvas', () => ({
  GraphCanvas: (props: any) => {
    canvas(props);
    return <div data-testid="graph-canvas" aria-label={props.label} />;
  },
}));

const ref = (name: string) => `component:default/${name}`;
const graph = {
  rootRef: ref('checkout'),
  nodes: ['checkout', 'payments', 'orders', 'web'].map(name => ({
    entityRef: ref(name),
    kind: 'component',
    name,
  })),
  edges: [
    { from: ref('web'), to: ref('checkout'), type: 'dependsOn' as const },
    { from: ref('checkout'), to: ref('payments'), type: 'dependsOn' as const },
    { from: ref('checkout'), to: ref('orders'), type: 'dependsOn' as const },
  ],
};
const states = new Map([
  [ref('payments'), { open: 2, worst: 'critical' as const, suspectOf: 1 }],
  [ref('web'), { open: 1, worst: 'warning' as const, suspectOf: 0 }],
]);

describe('DependencyGraph', () => {
  it('lists entities with trouble first, and selects from the list by keyboard', async () => {
    await renderWithApis(<DependencyGraph graph={graph} states={states} />, {
      api: {},
    });
    const list = screen.getByRole('list', { name: 'Entities in the graph' });
    expect(
      within(list)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual([
      'checkoutcomponent',
      'paymentscomponent · 2 open · suspect of 1',
      'webcomponent · 1 open',
      'orderscomponent',
    ]);
    expect(screen.getByTestId('graph-canvas')).toHaveAccessibleName(
      'Dependency graph of 4 entities around checkout; the list beside it has the same entities',
    );

    within(list).getAllByRole('button')[1].focus();
    await userEvent.keyboard('{Enter}');
    expect(
      screen.getByRole('heading', { name: 'payments' }),
    ).toBeInTheDocument();
    expect(canvas).toHaveBeenLastCalledWith(
      expect.objectContaining({ selected: ref('payments') }),
    );
  });

  it('filters the list', async () => {
    await renderWithApis(<DependencyGraph graph={graph} states={states} />, {
      api: {},
    });
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Entity' }),
      'ord',
    );
    expect(
      within(
        screen.getByRole('list', { name: 'Entities in the graph' }),
      ).getAllByRole('button'),
    ).toHaveLength(1);
  });

  it('turns state and the root-cause path into what the canvas draws', () => {
    const model = drawModel(graph, states, {
      focus: ref('web'),
      suspects: [ref('payments')],
    });
    const byRef = new Map(model.nodes.map(n => [n.ref, n]));
    expect(byRef.get(ref('checkout'))).toEqual({
      ref: ref('checkout'),
      label: 'checkout',
      severity: undefined,
      root: true,
      suspect: false,
    });
    expect(byRef.get(ref('payments'))).toMatchObject({
      severity: 'critical',
      suspect: true,
    });
    expect(byRef.get(ref('web'))).toMatchObject({
      severity: 'warning',
      suspect: false,
    });
    expect(model.edges.filter(e => e.path).map(e => [e.from, e.to])).toEqual([
      [ref('web'), ref('checkout')],
      [ref('checkout'), ref('payments')],
    ]);
  });
});
