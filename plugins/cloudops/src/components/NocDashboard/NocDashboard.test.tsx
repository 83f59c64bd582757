import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  noSeverity,
  renderWithApis,
  testIncident,
  testStats,
} from '../../__testUtils__/renderWithApis';
import { headingOutline } from '../../__testUtils__/headingOutline';
import { NocDashboard } from './NocDashboard';

jest.setTimeout(20_000);

const openStats = testStats({
  total: 12,
  open: 12,
  bySeverity: { critical: 2, high: 3, warning: 7, info: 0 },
});
const windowStats = testStats({
  total: 5,
  mttaSeconds: 240,
  mttrSeconds: 5400,
  series: [{ start: '2026-11-22T10:00:00.000Z', count: 5 }],
});
const heatStats = testStats({
  groupBy: 'system',
  thenBy: 'account',
  groups: [
    {
      key: 'system:default/shop',
      subKey: '111111111111',
      count: 9,
      open: 9,
      openBySeverity: { ...noSeverity, critical: 2, warning: 7 },
    },
    {
      key: 'system:default/data',
      subKey: '222222222222',
      count: 3,
      open: 3,
      openBySeverity: { ...noSeverity, high: 3 },
    },
  ],
});

function api(overrides = {}) {
  return {
    getDemo: jest.fn().mockResolvedValue(undefined),
    listDemoScenarios: jest.fn().mockResolvedValue({ items: [] }),
    getStats: jest.fn(async (query: any) => {
      if (query.groupBy) return heatStats;
      return query.from ? windowStats : openStats;
    }),
    listIncidents: jest
      .fn()
      .mockResolvedValue({ items: [testIncident], totalCount: 12 }),
    getDetectorHealth: jest.fn().mockResolvedValue({
      items: [
        {
          detector: 'cloudwatch',
          shard: '111111111111',
          consecutiveFailures: 0,
          lastSuccessAt: '2026-11-22T10:00:00.000Z',
          lastRun: {
            id: '1',
            detector: 'cloudwatch',
            shard: '111111111111',
            startedAt: '2026-11-22T10:00:00.000Z',
            durationMs: 420,
            items: 120,
            outcome: 'succeeded',
          },
        },
        {
          detector: 'cloudwatch',
          shard: '222222222222',
          consecutiveFailures: 3,
          lastRun: {
            id: '2',
            detector: 'cloudwatch',
            shard: '222222222222',
            startedAt: '2026-11-22T10:00:00.000Z',
            durationMs: 2100,
            items: 0,
            outcome: 'failed',
            error: 'AccessDenied: not authorized to perform sts:AssumeRole',
          },
        },
      ],
    }),
    ...overrides,
  };
}

const links = {
  incidentLink: () => '/cloudops/incidents/x',
  incidentsLink: (scope: { system: string; account: string }) =>
    `/cloudops/incidents?${new URLSearchParams(scope)}`,
};

describe('NocDashboard', () => {
  it('shows the figures, the heat map, the stream and detector health from five aggregated requests', async () => {
    const cloudops = api();
    await renderWithApis(<NocDashboard {...links} />, { api: cloudops });

    const kpis = await screen.findByRole('list', { name: 'Key figures' });
    expect(within(kpis).getByText('12')).toBeInTheDocument();
    expect(within(kpis).getByText('4m')).toBeInTheDocument();
    expect(within(kpis).getByText('1h 30m')).toBeInTheDocument();
    // The MTTA/MTTR explanations are reachable from the keyboard, and name
    // their buttons for screen readers.
    const help = within(kpis).getByRole('button', {
      name: 'Mean time to acknowledge, incidents opened in the window',
    });
    await userEvent.tab();
    for (let i = 0; i < 20 && document.activeElement !== help; i++) {
      await userEvent.tab();
    }
    expect(help).toHaveFocus();

    const heat = await screen.findByRole('table', {
      name: 'Open incidents by system and account',
    });
    expect(
      // The worst severity is named, not shown by colour only.
      within(heat).getByRole('link', {
        name: 'shop in 111111111111: 9 open, worst Critical',
      }),
    ).toHaveAttribute(
      'href',
      '/cloudops/incidents?system=system%3Adefault%2Fshop&account=111111111111',
    );
    expect(
      within(
        screen.getByRole('log', { name: 'Live incident stream' }),
      ).getByText(testIncident.title),
    ).toBeInTheDocument();

    const detectors = await screen.findByRole('table', {
      name: 'Detector health',
    });
    const rows = within(detectors).getAllByRole('row');
    // Failing detectors first.
    expect(rows[1]).toHaveTextContent('222222222222');
    expect(rows[1]).toHaveTextContent('AccessDenied');
    expect(rows[2]).toHaveTextContent('420 ms');

    expect(cloudops.getStats).toHaveBeenCalledTimes(3);
    expect(cloudops.getStats).toHaveBeenCalledWith({
      state: ['open', 'acknowledged', 'mitigated'],
      groupBy: 'system',
      thenBy: 'account',
      groupLimit: 400,
    });
    expect(cloudops.listIncidents).toHaveBeenCalledTimes(1);
    expect(cloudops.getDetectorHealth).toHaveBeenCalledTimes(1);
  });

  it("titles each panel with a heading right under the page's h1", async () => {
    await renderWithApis(<NocDashboard {...links} />, { api: api() });
    await screen.findByRole('table', { name: 'Detector health' });
    expect(
      screen.getByRole('heading', {
        level: 2,
        name: 'Open incidents by system and account',
      }),
    ).toBeInTheDocument();
    expect(headingOutline()).toEqual([
      'h2 Incidents opened over time',
      'h2 Live incident stream',
      'h2 Open incidents by system and account',
      'h2 Detector health',
    ]);
  });

  it('reloads every minute in quiet periods, the window moved on, and stops when closed', async () => {
    const setInterval = jest.spyOn(window, 'setInterval');
    const clearInterval = jest.spyOn(window, 'clearInterval');
    try {
      const cloudops = api();
      const { unmount } = await renderWithApis(<NocDashboard {...links} />, {
        api: cloudops,
      });
      await screen.findByRole('list', { name: 'Key figures' });
      const call = setInterval.mock.calls.findIndex(
        ([, delay]) => delay === 60_000,
      );
      expect(call).toBeGreaterThanOrEqual(0);
      const refresh = setInterval.mock.calls[call][0] as () => void;
      const windowFroms = () =>
        cloudops.getStats.mock.calls
          .map(([query]) => query.from)
          .filter(Boolean);
      expect(windowFroms()).toHaveLength(1);

      const now = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000);
      try {
        act(() => refresh());
        await waitFor(() => expect(windowFroms()).toHaveLength(2));
      } finally {
        now.mockRestore();
      }
      // The window starts a minute later; every panel reloaded.
      const [first, second] = windowFroms().map(Date.parse);
      expect(second - first).toBeGreaterThanOrEqual(60_000);
      expect(cloudops.getStats).toHaveBeenCalledTimes(6);
      expect(cloudops.listIncidents).toHaveBeenCalledTimes(2);
      expect(cloudops.getDetectorHealth).toHaveBeenCalledTimes(2);

      unmount();
      expect(clearInterval).toHaveBeenCalledWith(
        setInterval.mock.results[call].value,
      );
    } finally {
      setInterval.mockRestore();
      clearInterval.mockRestore();
    }
  });

  it('links no heat-map cell without a system or account: the list cannot be narrowed to them', async () => {
    const cloudops = api({
      getStats: jest.fn(async (query: any) =>
        query.groupBy
          ? testStats({
              groups: [
                {
                  key: null,
                  subKey: '111111111111',
                  count: 4,
                  open: 4,
                  openBySeverity: { ...noSeverity, high: 4 },
                },
                {
                  key: 'system:default/shop',
                  subKey: null,
                  count: 2,
                  open: 2,
                  openBySeverity: { ...noSeverity, warning: 2 },
                },
                {
                  key: 'system:default/shop',
                  subKey: '111111111111',
                  count: 1,
                  open: 1,
                  openBySeverity: { ...noSeverity, info: 1 },
                },
              ],
            })
          : openStats,
      ),
    });
    await renderWithApis(<NocDashboard {...links} />, { api: cloudops });
    const heat = await screen.findByRole('table', {
      name: 'Open incidents by system and account',
    });
    expect(within(heat).getAllByRole('link')).toHaveLength(1);
    expect(
      within(heat).getByRole('link', {
        name: 'shop in 111111111111: 1 open, worst Info',
      }),
    ).toBeInTheDocument();
    expect(within(heat).getByText('4')).toHaveAttribute(
      'title',
      'Incidents without a system or account cannot be listed on their own',
    );
    expect(within(heat).getByText('2')).not.toHaveAttribute('href');
    // Unlinked cells name their worst severity too.
    expect(within(heat).getByText('4').closest('td')).toHaveTextContent(
      '4, worst High',
    );
  });

  it('follows full screen when it ends without the button (Esc)', async () => {
    let fullscreenElement: Element | null = null;
    const fullscreenChanged = (element: Element | null) => {
      fullscreenElement = element;
      document.dispatchEvent(new Event('fullscreenchange'));
    };
    // jsdom has no Fullscreen API: the test plays the browser.
    Object.defineProperty(document, 'fullscreenElement', {
      configurable: true,
      get: () => fullscreenElement,
    });
    const requestFullscreen = jest.fn(async function request(this: Element) {
      fullscreenChanged(this);
    });
    Object.defineProperty(HTMLElement.prototype, 'requestFullscreen', {
      configurable: true,
      value: requestFullscreen,
    });
    try {
      await renderWithApis(<NocDashboard {...links} />, { api: api() });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Wall screen' }),
      );
      expect(requestFullscreen).toHaveBeenCalled();
      expect(
        await screen.findByRole('button', { name: 'Leave wall screen' }),
      ).toBeInTheDocument();

      // Esc: the browser leaves full screen by itself.
      act(() => fullscreenChanged(null));
      expect(
        await screen.findByRole('button', { name: 'Wall screen' }),
      ).toBeInTheDocument();
    } finally {
      delete (HTMLElement.prototype as any).requestFullscreen;
      delete (document as any).fullscreenElement;
    }
  });

  it('shows progress while loading', async () => {
    const pending = () => new Promise<never>(() => {});
    await renderWithApis(<NocDashboard {...links} />, {
      api: api({ getStats: pending, listIncidents: pending }),
    });
    expect(screen.getAllByTestId('progress').length).toBeGreaterThan(0);
  });

  it('says so when nothing is open', async () => {
    await renderWithApis(<NocDashboard {...links} />, {
      api: api({
        getStats: jest.fn().mockResolvedValue(testStats({ groups: [] })),
        listIncidents: jest
          .fn()
          .mockResolvedValue({ items: [], totalCount: 0 }),
        getDetectorHealth: jest.fn().mockResolvedValue({ items: [] }),
      }),
    });
    expect(await screen.findAllByText('No open incidents.')).toHaveLength(2);
    expect(
      await screen.findByText('No detector has run yet.'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('n/a')).toHaveLength(2);
  });

  it('hides detector health without cloudops.detector.read', async () => {
    const cloudops = api();
    await renderWithApis(<NocDashboard {...links} />, {
      api: cloudops,
      permission: AuthorizeResult.DENY,
    });
    await screen.findByRole('list', { name: 'Key figures' });
    expect(screen.queryByText('Detector health')).toBeNull();
    expect(cloudops.getDetectorHealth).not.toHaveBeenCalled();
  });

  it('shows a failed panel with a retry, the others unaffected', async () => {
    const listIncidents = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend unavailable'))
      .mockResolvedValue({ items: [testIncident], totalCount: 1 });
    await renderWithApis(<NocDashboard {...links} />, {
      api: api({ listIncidents }),
    });
    expect(
      await screen.findByText('Could not load Live incident stream', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Key figures' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.getByText(testIncident.title)).toBeInTheDocument(),
    );
  });
});
