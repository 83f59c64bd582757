import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ValidationReport } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { SetupHealth } from './SetupHealth';

// Role queries on MUI tables are slow on a busy machine.
jest.setTimeout(60_000);

const report: ValidationReport = {
  ok: false,
  checkedAt: '2026-11-22T12:00:00.000Z',
  durationMs: 840,
  results: [
    {
      check: 'config',
      target: 'cloudops.* against config.d.ts',
      status: 'pass',
      detail: 'valid',
    },
    {
      check: 'rules',
      target: '/srv/rules/bad.yaml',
      status: 'fail',
      detail: '1 error:\n/srv/rules/bad.yaml:6:5: severity: must be one of …',
    },
    {
      check: 'aws',
      target: 'aws.accounts, cloudops.aws',
      status: 'skip',
      detail: 'not configured',
    },
    {
      check: 'database',
      target: 'SQLite :memory:',
      status: 'warn',
      detail: 'in memory',
    },
  ],
};

describe('SetupHealth', () => {
  it('shows the report, failures first, and checks again on request', async () => {
    const getSetupHealth = jest.fn().mockResolvedValue(report);
    await renderWithApis(<SetupHealth />, { api: { getSetupHealth } });
    const table = await screen.findByRole('table', { name: 'Set-up health' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(row => within(row).getAllByRole('cell')[1].textContent),
    ).toEqual(['rules', 'database', 'config', 'aws']);
    expect(within(rows[0]).getByText('Fail')).toBeInTheDocument();
    expect(rows[0].textContent).toContain('/srv/rules/bad.yaml:6:5');
    expect(screen.getByRole('status').textContent).toMatch(
      /^Some checks failed: 1 passed, 1 warnings, 1 failed, 1 skipped/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(getSetupHealth).toHaveBeenCalledTimes(2));
  });

  it('says so when the caller may not read the report, and asks nothing', async () => {
    const getSetupHealth = jest.fn();
    await renderWithApis(<SetupHealth />, {
      api: { getSetupHealth },
      permission: AuthorizeResult.DENY,
    });
    expect(
      await screen.findByText(/may not read the set-up health report/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Set-up health' }),
    ).toBeInTheDocument();
    expect(getSetupHealth).not.toHaveBeenCalled();
  });

  it('shows a load error with a retry', async () => {
    const getSetupHealth = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValueOnce({ ...report, ok: true, results: [] });
    await renderWithApis(<SetupHealth />, { api: { getSetupHealth } });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/^All checks passed/)).toBeInTheDocument();
  });
});
