import { RemediationRequest } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { headingOutline } from '../../__testUtils__/headingOutline';
import {
  testOpportunity,
  testOpportunityDetail,
  testReport,
} from '../../__testUtils__/testSavings';
import { OpportunityView } from './OpportunityView';
import { SavingsPage } from './SavingsPage';
import { SavingsReports } from './SavingsReports';

jest.setTimeout(30_000);

const list = {
  items: [testOpportunity],
  totalCount: 1,
  totals: [{ currency: 'USD', monthlySavings: 37.5 }],
};

describe('OpportunityList (savings page)', () => {
  it('lists opportunities and narrows them with the filters', async () => {
    const listOpportunities = jest.fn().mockResolvedValue(list);
    await renderWithApis(<SavingsPage />, { api: { listOpportunities } });
    // The open opportunities unless asked otherwise: the title's total is
    // what is still to be saved, not rejected, expired or realized ones.
    expect(listOpportunities).toHaveBeenCalledWith(
      expect.objectContaining({ state: ['detected', 'pr_opened', 'approved'] }),
    );
    const row = (
      await screen.findByRole('link', { name: testOpportunity.title })
    ).closest('tr')!;
    expect(within(row).getByText('$38')).toBeInTheDocument();
    expect(within(row).getByText('Low risk')).toBeInTheDocument();
    expect(within(row).getByText('aws-ebs-orphans')).toBeInTheDocument();
    expect(
      screen.getByText('Savings opportunities (1, $38 per month)'),
    ).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Team (group)'), 'team-a');
    await waitFor(() =>
      expect(listOpportunities).toHaveBeenLastCalledWith(
        expect.objectContaining({ team: 'group:default/team-a', offset: 0 }),
      ),
    );
    await userEvent.click(screen.getByLabelText('Risk'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'High risk' }),
    );
    await waitFor(() =>
      expect(listOpportunities).toHaveBeenLastCalledWith(
        expect.objectContaining({ risk: ['high'] }),
      ),
    );

    await userEvent.keyboard('{Escape}');
    await userEvent.click(screen.getByLabelText('State'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Realized' }),
    );
    await waitFor(() =>
      expect(listOpportunities).toHaveBeenLastCalledWith(
        expect.objectContaining({
          state: ['detected', 'pr_opened', 'approved', 'realized'],
        }),
      ),
    );
  });

  it("shows each currency's total, never their sum", async () => {
    const listOpportunities = jest.fn().mockResolvedValue({
      items: [testOpportunity],
      totalCount: 2,
      totals: [
        { currency: 'JPY', monthlySavings: 15000 },
        { currency: 'USD', monthlySavings: 100 },
      ],
    });
    await renderWithApis(<SavingsPage />, { api: { listOpportunities } });
    expect(
      await screen.findByText(
        'Savings opportunities (2, ¥15,000 and $100 per month)',
      ),
    ).toBeInTheDocument();
  });

  it('says when nothing matches, and shows an error with a retry', async () => {
    const listOpportunities = jest
      .fn()
      .mockRejectedValueOnce(new Error('boom'))
      .mockResolvedValue({ items: [], totalCount: 0, totals: [] });
    await renderWithApis(<SavingsPage />, { api: { listOpportunities } });
    expect(
      await screen.findByText('Could not load savings opportunities', {
        exact: false,
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('No opportunity matches these filters.'),
    ).toBeInTheDocument();
    expect(headingOutline()).toEqual([
      'h2 Savings opportunities',
      'h3 No savings opportunities',
    ]);
  });

  it('goes to the last page when the page asked for is past the end', async () => {
    const listOpportunities = jest.fn(async (query: { offset?: number }) =>
      (query.offset ?? 0) >= 30
        ? { ...list, items: [], totalCount: 30 }
        : { ...list, totalCount: 30 },
    );
    await renderWithApis(<SavingsPage />, {
      api: { listOpportunities },
      routeEntries: ['/?page=4'],
    });
    expect(
      await screen.findByRole('link', { name: testOpportunity.title }),
    ).toBeInTheDocument();
    expect(listOpportunities).toHaveBeenLastCalledWith(
      expect.objectContaining({ offset: 25, limit: 25 }),
    );
    expect(
      screen.queryByText('No opportunity matches these filters.'),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeEnabled();
  });
});

/** A snapshot-and-delete of the test opportunity, waiting for its approver. */
const remediation: RemediationRequest = {
  id: 'r1',
  opportunityId: testOpportunity.id,
  executor: 'aws-ssm-automation',
  ref: 'CloudOps-SnapshotAndDeleteVolume',
  parameters: { VolumeId: 'vol-0123456789abcdef0' },
  requestedBy: 'user:default/ana',
  state: 'awaiting-approval',
  severity: 'info',
  policy: { approvalsRequired: 1, reasons: [], targets: [] },
  decisions: [],
  createdAt: '2026-11-22T10:04:00.000Z',
  updatedAt: '2026-11-22T10:04:00.000Z',
};

describe('OpportunityView', () => {
  it('shows evidence, the ledger, its remediation requests and the prefilled remediation template', async () => {
    const listOpportunityRemediations = jest
      .fn()
      .mockResolvedValue({ items: [remediation] });
    await renderWithApis(
      <OpportunityView opportunityId={testOpportunity.id} backLink=".." />,
      {
        api: {
          getOpportunity: jest.fn().mockResolvedValue(testOpportunityDetail),
          listOpportunityRemediations,
        },
        templates: ['cloudops-ebs-snapshot-and-delete'],
      },
    );
    expect(
      await screen.findByRole('heading', {
        level: 2,
        name: testOpportunity.title,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Unattached for 21 days')).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Read operations in ops/day' }),
    ).toHaveTextContent(
      `reads: From ${new Date(
        '2026-11-01T00:00:00Z',
      ).toLocaleDateString()} to ${new Date(
        '2026-11-02T00:00:00Z',
      ).toLocaleDateString()}: first 0 ops/day, last 0 ops/day, lowest 0 ops/day, highest 0 ops/day.`,
    );
    const ledger = screen.getByRole('list', { name: 'Ledger' });
    // Newest first.
    const entries = within(ledger)
      .getAllByRole('listitem')
      .map(item => item.textContent ?? '');
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatch(/^Snoozed → Detected/);
    expect(entries[1]).toMatch(/^Detected → Snoozed/);
    expect(entries[2]).toMatch(/^Detected/);
    expect(within(ledger).getByText(/after the migration/)).toBeInTheDocument();
    // A link styled as a button.
    const launch = await screen.findByRole('link', {
      name: 'Open remediation template',
    });
    const [path, query] = launch.getAttribute('href')!.split('?');
    expect(path).toBe(
      '/create/templates/default/cloudops-ebs-snapshot-and-delete',
    );
    expect(JSON.parse(new URLSearchParams(query).get('formData')!)).toEqual({
      opportunityId: testOpportunity.id,
    });
    // The requests that apply it, with their approvals.
    const requests = await screen.findByRole('list', { name: 'Requests' });
    expect(
      within(requests).getByText('CloudOps-SnapshotAndDeleteVolume'),
    ).toBeInTheDocument();
    expect(within(requests).getByText(/0\/1 approvals/)).toBeInTheDocument();
    expect(listOpportunityRemediations).toHaveBeenCalledWith(
      testOpportunity.id,
    );
    // Its cards are sections of the opportunity, one level below its title.
    expect(headingOutline()).toEqual([
      `h2 ${testOpportunity.title}`,
      'h3 Summary',
      'h3 Evidence',
      'h3 Ledger',
      'h3 Remediation requests',
    ]);
  });

  it('has no template button while its template is not in the catalog', async () => {
    await renderWithApis(
      <OpportunityView opportunityId={testOpportunity.id} backLink=".." />,
      {
        api: {
          getOpportunity: jest.fn().mockResolvedValue({
            ...testOpportunityDetail,
            kind: 'rds-idle',
            remediation: { template: 'cloudops-rds-stop-idle', parameters: {} },
          }),
          listOpportunityRemediations: jest
            .fn()
            .mockResolvedValue({ items: [] }),
        },
        templates: ['cloudops-ebs-snapshot-and-delete'],
      },
    );
    await screen.findByRole('heading', { name: testOpportunity.title });
    // Let the catalog lookup answer before looking for the button.
    await act(async () => {});
    expect(
      screen.queryByRole('button', { name: 'Open remediation template' }),
    ).toBeNull();
    // No requests: no card for them.
    expect(screen.queryByText('Remediation requests')).toBeNull();
  });
});

describe('SavingsReports', () => {
  /** Renders the reports, clicks a button of the one report, and returns what was downloaded. */
  async function download(button: string, file: Blob) {
    const createObjectURL = jest.fn().mockReturnValue('blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    try {
      const downloadSavingsReport = jest.fn().mockResolvedValue(file);
      await renderWithApis(<SavingsReports />, {
        api: {
          listSavingsReports: jest
            .fn()
            .mockResolvedValue({ items: [testReport] }),
          downloadSavingsReport,
        },
      });
      expect(await screen.findByText('$410')).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: button }));
      await waitFor(() => expect(click).toHaveBeenCalled());
      return {
        downloadSavingsReport,
        anchor: click.mock.contexts[0] as HTMLAnchorElement,
        blob: createObjectURL.mock.calls[0][0] as Blob,
        opened: open.mock.calls.length,
      };
    } finally {
      click.mockRestore();
      open.mockRestore();
    }
  }

  it('lists weekly reports and downloads one with the API', async () => {
    const { downloadSavingsReport, anchor } = await download(
      'Download PDF of the report of 2026-11-09 – 2026-11-15',
      new Blob(['%PDF']),
    );
    expect(downloadSavingsReport).toHaveBeenCalledWith(testReport.id, 'pdf');
    expect(anchor.download).toBe('cloudops-savings-2026-11-09.pdf');
  });

  it('downloads the HTML report too, never opening it in a tab of the portal', async () => {
    // A blob URL has the portal's origin: the report's HTML opened in a tab
    // would run with the portal's rights (and hold window.opener).
    const { downloadSavingsReport, anchor, blob, opened } = await download(
      'Download HTML of the report of 2026-11-09 – 2026-11-15',
      new Blob(['<script>'], { type: 'text/html' }),
    );
    expect(downloadSavingsReport).toHaveBeenCalledWith(testReport.id, 'html');
    expect(opened).toBe(0);
    expect(anchor.download).toBe('cloudops-savings-2026-11-09.html');
    expect(anchor.rel).toBe('noopener noreferrer');
    // Opaque bytes: not rendered as HTML even where download is ignored.
    expect(blob.type).toBe('application/octet-stream');
  });

  it('says when there is no report yet', async () => {
    await renderWithApis(<SavingsReports />, {
      api: { listSavingsReports: jest.fn().mockResolvedValue({ items: [] }) },
    });
    expect(
      await screen.findByRole('heading', { level: 3, name: 'No reports yet' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Weekly reports' }),
    ).toBeInTheDocument();
  });
});
