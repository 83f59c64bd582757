import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { headingOutline } from '../../__testUtils__/headingOutline';
import { testSummary } from '../../__testUtils__/testSavings';
import { CostSavingsCard } from './CostSavingsCard';

jest.setTimeout(20_000);

const entityRef = 'component:default/checkout-service';

describe('CostSavingsCard', () => {
  it('shows potential and realized savings and the top opportunities', async () => {
    const getSavingsSummary = jest.fn().mockResolvedValue(testSummary);
    await renderWithApis(<CostSavingsCard entityRef={entityRef} />, {
      api: { getSavingsSummary },
    });
    expect(await screen.findByText('$1,240')).toBeInTheDocument();
    expect(screen.getByText('3 open opportunities')).toBeInTheDocument();
    expect(screen.getByText('$5,200')).toBeInTheDocument();
    // The sparkline's figures as text, for screen readers.
    expect(
      screen.getByRole('figure', { name: 'Realized savings per month' }),
    ).toHaveTextContent(
      'From 2026-09-01 to 2026-11-01: first $300, last $800, lowest $300, highest $800.',
    );
    expect(
      screen.getByRole('link', {
        name: 'Delete orphaned volume checkout-data-old',
      }),
    ).toHaveAttribute(
      'href',
      `/cloudops/savings/${testSummary.topOpportunities[0].id}`,
    );
    expect(getSavingsSummary).toHaveBeenCalledWith({ entityRef });
  });

  it("is a section of the entity page: its title an h2 under the entity's h1, its parts h3", async () => {
    await renderWithApis(<CostSavingsCard entityRef={entityRef} />, {
      api: { getSavingsSummary: jest.fn().mockResolvedValue(testSummary) },
    });
    expect(
      await screen.findByRole('heading', {
        level: 3,
        name: 'Top opportunities',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Cost savings' }),
    ).toBeInTheDocument();
    // The figures are not headings: nothing between h2 and h3.
    expect(headingOutline()).toEqual([
      'h2 Cost savings',
      'h3 Top opportunities',
    ]);
  });

  it('shows the figures without links where the app has no CloudOps page', async () => {
    // useRouteRef(rootRouteRef) throws "No path for routeRef" when the page
    // is not installed or is disabled: the entity card must not crash.
    await renderWithApis(<CostSavingsCard entityRef={entityRef} />, {
      api: { getSavingsSummary: jest.fn().mockResolvedValue(testSummary) },
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(await screen.findByText('$1,240')).toBeInTheDocument();
    expect(
      screen.getByText('Delete orphaned volume checkout-data-old'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('says when the service has no open opportunity', async () => {
    await renderWithApis(<CostSavingsCard entityRef={entityRef} />, {
      api: {
        getSavingsSummary: jest.fn().mockResolvedValue({
          ...testSummary,
          potentialMonthlySavings: 0,
          openCount: 0,
          topOpportunities: [],
          realizedSeries: [],
        }),
      },
    });
    expect(
      await screen.findByText('No open savings opportunity.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('shows progress, then the error with a retry', async () => {
    let fail!: (e: Error) => void;
    const getSavingsSummary = jest
      .fn()
      .mockReturnValueOnce(new Promise((_, reject) => (fail = reject)))
      .mockResolvedValue(testSummary);
    await renderWithApis(<CostSavingsCard entityRef={entityRef} />, {
      api: { getSavingsSummary },
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    fail(new Error('backend down'));
    expect(
      await screen.findByText('Could not load cost savings', { exact: false }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('$1,240')).toBeInTheDocument();
  });
});
