import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeSignals,
  renderWithApis,
  testIncident,
  testIncidentDetail,
} from '../../__testUtils__/renderWithApis';
import { headingOutline } from '../../__testUtils__/headingOutline';
import { testRca } from '../../__testUtils__/testRca';
import { IncidentDetail } from './IncidentDetail';

const graphCanvas = jest.fn();
jest.setTimeout(20_000);

jest.mock('../DependencyGraph/GraphCanvas', () => ({
  GraphCanvas: (props: any) => {
    graphCanvas(props);
    return <div data-testid="graph-canvas" />;
  },
}));

const graph = {
  rootRef: 'component:default/checkout-service',
  nodes: [
    {
      entityRef: 'component:default/checkout-service',
      kind: 'component',
      name: 'checkout-service',
    },
    {
      entityRef: 'resource:default/orders-db',
      kind: 'resource',
      name: 'orders-db',
    },
  ],
  edges: [
    {
      from: 'component:default/checkout-service',
      to: 'resource:default/orders-db',
      type: 'dependsOn' as const,
    },
  ],
};

function api(overrides = {}) {
  return {
    getIncident: jest.fn().mockResolvedValue(testIncidentDetail),
    getIncidentSignals: jest.fn().mockResolvedValue({
      items: [
        {
          source: 'prometheus',
          kind: 'metric',
          name: 'container_cpu_usage_percent',
          value: 97,
          timestamp: '2026-11-22T10:00:00Z',
          labels: { pod: 'checkout-1' },
          fingerprint: 'f1',
        },
      ],
    }),
    getGraph: jest.fn().mockResolvedValue(graph),
    getIncidentRca: jest.fn().mockResolvedValue(testRca),
    listRemediations: jest.fn().mockResolvedValue({ items: [] }),
    getStats: jest.fn().mockResolvedValue({ groups: [] }),
    ...overrides,
  };
}

describe('IncidentDetail', () => {
  beforeEach(() => graphCanvas.mockClear());

  it('gives each lifecycle time with how long after the opening it was', async () => {
    await renderWithApis(
      <IncidentDetail incidentId={testIncident.id} backLink="/back" />,
      {
        api: api({
          getIncident: jest.fn().mockResolvedValue({
            ...testIncidentDetail,
            state: 'acknowledged',
            acknowledgedAt: '2026-11-22T10:04:00.000Z',
          }),
        }),
      },
    );
    expect(await screen.findByText(/\(\+4m\)$/)).toBeInTheDocument();
  });

  it('shows summary, actions, signals, graph and timeline', async () => {
    const cloudops = api();
    await renderWithApis(
      <IncidentDetail incidentId={testIncident.id} backLink="/back" />,
      { api: cloudops },
    );
    expect(
      await screen.findByRole('heading', { name: testIncident.title }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('orders-db alert joined: upstream-most suspect'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('group', { name: 'Incident actions' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('figure', {
        name: 'container_cpu_usage_percent over time, detection, normal band and rule level marked',
      }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('graph-canvas')).toBeInTheDocument();
    expect(cloudops.getIncidentSignals).toHaveBeenCalledWith(testIncident.id, {
      contextMinutes: 30,
      bands: true,
    });
    // The RCA's narrative, causes, remediations and similar incidents.
    expect(await screen.findByText(testRca.narrative)).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Ranked candidate root causes' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Run Scale out checkout' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Orders DB connection pool exhausted'),
    ).toBeInTheDocument();
    // The graph highlights the path to the RCA's top candidate.
    expect(graphCanvas).toHaveBeenLastCalledWith(
      expect.objectContaining({
        highlight: {
          focus: 'component:default/checkout-service',
          suspects: ['component:default/payments'],
        },
      }),
    );
    // Node state comes from two aggregated calls, not one per node.
    expect(cloudops.getStats).toHaveBeenCalledTimes(2);
  });

  it('is outlined by headings: its title, each card a level below, their parts below that', async () => {
    await renderWithApis(
      <IncidentDetail incidentId={testIncident.id} backLink="/back" />,
      {
        api: api({
          listRemediations: jest.fn().mockResolvedValue({
            items: [
              {
                id: 'r1',
                incidentId: testIncident.id,
                executor: 'ssm',
                ref: 'scale-out-checkout',
                parameters: {},
                state: 'executing',
                requestedBy: 'user:default/test',
                createdAt: '2026-11-22T10:05:00.000Z',
                decisions: [],
                policy: { approvalsRequired: 0 },
              },
            ],
          }),
        }),
      },
    );
    expect(
      await screen.findByRole('heading', {
        level: 2,
        name: testIncident.title,
      }),
    ).toBeInTheDocument();
    await screen.findByRole('list', { name: 'Ranked candidate root causes' });
    await screen.findByRole('heading', { level: 4, name: 'Requests' });
    // The graph's selected entity is a heading in its card too.
    await userEvent.click(
      within(
        screen.getByRole('list', { name: 'Entities in the graph' }),
      ).getByRole('button', { name: /orders-db/ }),
    );
    expect(headingOutline()).toEqual([
      `h2 ${testIncident.title}`,
      'h3 Summary',
      'h3 Signals',
      'h3 Root cause',
      'h4 1. payments',
      'h4 2. orders-db',
      'h3 Dependency graph',
      'h4 orders-db',
      'h3 Suggested remediations',
      'h4 Requests',
      'h3 Similar past incidents',
      'h3 Timeline',
    ]);
  });

  it('hides the actions from readers who may not change incidents', async () => {
    await renderWithApis(
      <IncidentDetail incidentId={testIncident.id} backLink="/back" />,
      { api: api(), permission: AuthorizeResult.DENY },
    );
    await screen.findByRole('heading', { name: testIncident.title });
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });

  it('shows a state, severity and timeline type it does not know (from a newer backend) as they are', async () => {
    const [opened] = testIncidentDetail.timeline;
    await renderWithApis(
      <IncidentDetail incidentId={testIncident.id} backLink="/back" />,
      {
        api: api({
          getIncident: jest.fn().mockResolvedValue({
            ...testIncidentDetail,
            state: 'investigating',
            severity: 'fatal',
            timeline: [{ ...opened, type: 'escalation' }],
          }),
        }),
      },
    );
    await screen.findByRole('heading', { name: testIncident.title });
    expect(screen.getByText('investigating')).toBeInTheDocument();
    expect(screen.getByText('fatal')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Timeline' })).getByRole(
        'listitem',
      ),
    ).toHaveTextContent(/ · escalation · cloudops$/);
    // No lifecycle move is known from there; a note still is.
    expect(
      within(
        await screen.findByRole('group', { name: 'Incident actions' }),
      ).getAllByRole('button'),
    ).toEqual([screen.getByRole('button', { name: 'Add note' })]);
  });

  it('shows the error and loads again on retry', async () => {
    const getIncident = jest
      .fn()
      .mockRejectedValueOnce(new Error('No incident with id x'))
      .mockResolvedValue(testIncidentDetail);
    await renderWithApis(
      <IncidentDetail incidentId={testIncident.id} backLink="/back" />,
      { api: api({ getIncident }) },
    );
    expect(
      await screen.findByText('Could not load the incident', { exact: false }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('heading', { name: testIncident.title }),
    ).toBeInTheDocument();
  });

  it('says when an incident has no signals and no entity', async () => {
    await renderWithApis(
      <IncidentDetail incidentId={testIncident.id} backLink="/back" />,
      {
        api: api({
          getIncident: jest.fn().mockResolvedValue({
            ...testIncidentDetail,
            entityRef: undefined,
            candidateEntityRef: undefined,
          }),
          getIncidentSignals: jest.fn().mockResolvedValue({ items: [] }),
          getIncidentRca: jest.fn().mockResolvedValue(undefined),
        }),
      },
    );
    expect(
      await screen.findByText(
        'No signals formed this incident (raised by hand).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The incident is not linked to a catalog entity.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No similar resolved incident.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No runbook matches this incident.'),
    ).toBeInTheDocument();
  });

  it('reloads when the backend announces a change to it', async () => {
    const signals = fakeSignals();
    const getIncident = jest
      .fn()
      .mockResolvedValueOnce(testIncidentDetail)
      .mockResolvedValue({ ...testIncidentDetail, state: 'acknowledged' });
    await renderWithApis(
      <IncidentDetail incidentId={testIncident.id} backLink="/back" />,
      { api: api({ getIncident }), signals },
    );
    await screen.findByRole('heading', { name: testIncident.title });
    await signals.incidentsChanged({ incidentIds: ['another'], more: 0 });
    expect(getIncident).toHaveBeenCalledTimes(1);
    await signals.incidentsChanged({ incidentIds: [testIncident.id], more: 0 });
    expect(await screen.findByText('Acknowledged')).toBeInTheDocument();
  });
});
