import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DemoFleetInfo,
  DemoScenario,
  DemoScenarioKind,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { DemoScenarioCard } from './DemoScenarioCard';

jest.setTimeout(20_000);

const info: DemoFleetInfo = {
  now: '2026-11-22T10:00:00.000Z',
  timeScale: 1,
  kinds: [
    {
      kind: 'crash-loop',
      title: 'Crash loop',
      description: 'A pod restarts again and again.',
      defaultTarget: 'component:default/payments-service',
      targets: [
        'component:default/payments-service',
        'component:default/orders-service',
      ],
    },
    {
      kind: 'cpu-stress',
      title: 'CPU stress',
      description: 'CPU pinned at its limit.',
      defaultTarget: 'component:default/product-catalog',
      targets: ['component:default/product-catalog'],
    },
  ],
};

const ended: DemoScenario = {
  id: 's0',
  kind: 'cpu-stress',
  target: 'component:default/product-catalog',
  startedAt: '2026-11-22T09:00:00.000Z',
  endsAt: '2026-11-22T09:15:00.000Z',
  endedAt: '2026-11-22T09:08:00.000Z',
  endedBy: 'remediation r1 (restart)',
  requestedBy: 'chaos-timer',
  state: 'ended',
};

function api(overrides = {}) {
  return {
    getDemo: jest.fn().mockResolvedValue(info),
    listDemoScenarios: jest.fn().mockResolvedValue({ items: [ended] }),
    startDemoScenario: jest.fn(
      async ({ kind, target }: { kind: DemoScenarioKind; target?: string }) =>
        ({
          ...ended,
          id: 's1',
          kind,
          target: target ?? info.kinds[0].defaultTarget,
          state: 'active',
        } as DemoScenario),
    ),
    ...overrides,
  };
}

describe('DemoScenarioCard', () => {
  it('starts the chosen scenario on the chosen target, and lists it', async () => {
    const demo = api();
    const { alertApi } = await renderWithApis(<DemoScenarioCard />, {
      api: demo,
    });
    expect(
      await screen.findByText('A pod restarts again and again.'),
    ).toBeInTheDocument();
    // A panel of the NOC page, right under its h1.
    expect(
      screen.getByRole('heading', {
        level: 2,
        name: 'Chaos scenarios (demo fleet)',
      }),
    ).toBeInTheDocument();
    const recent = screen.getByRole('list', { name: 'Recent scenarios' });
    expect(
      within(recent).getByText('CPU stress · product-catalog'),
    ).toBeInTheDocument();
    expect(
      within(recent).getByText(/ended: remediation r1 \(restart\)/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: /payments-service/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'orders-service' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Start scenario' }),
    );
    await waitFor(() =>
      expect(demo.startDemoScenario).toHaveBeenCalledWith({
        kind: 'crash-loop',
        target: 'component:default/orders-service',
      }),
    );
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: 'success',
        message: 'Started Crash loop on orders-service',
      }),
    );
    await waitFor(() =>
      expect(demo.listDemoScenarios).toHaveBeenCalledTimes(2),
    );
  });

  it('hides the start form without cloudops.demo.run, and keeps the list', async () => {
    const demo = api();
    await renderWithApis(<DemoScenarioCard />, {
      api: demo,
      permission: AuthorizeResult.DENY,
    });
    expect(
      await screen.findByText(/needs the cloudops.demo.run permission/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start scenario' })).toBeNull();
    expect(
      screen.getByText('CPU stress · product-catalog'),
    ).toBeInTheDocument();
  });

  it('shows nothing when the demo fleet is off', async () => {
    const demo = api({ getDemo: jest.fn().mockResolvedValue(undefined) });
    const { container } = await renderWithApis(<DemoScenarioCard />, {
      api: demo,
    });
    await waitFor(() => expect(demo.getDemo).toHaveBeenCalled());
    await waitFor(() =>
      expect(screen.queryByText('Chaos scenarios (demo fleet)')).toBeNull(),
    );
    expect(container.textContent).toBe('');
  });

  it("says why a start failed, in the backend's words", async () => {
    const refused = Object.assign(new Error('Request failed with 403'), {
      cause: new Error('Missing permission cloudops.demo.run'),
    });
    const demo = api({
      startDemoScenario: jest.fn().mockRejectedValue(refused),
    });
    const { alertApi } = await renderWithApis(<DemoScenarioCard />, {
      api: demo,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Start scenario' }),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          severity: 'error',
          message:
            'Could not start the scenario: Missing permission cloudops.demo.run',
        }),
      ),
    );
  });
});
