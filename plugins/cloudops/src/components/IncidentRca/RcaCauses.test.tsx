import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { testRca } from '../../__testUtils__/testRca';
import { RcaCauses } from './RcaCauses';
import { SimilarIncidents } from './SimilarIncidents';

jest.setTimeout(20_000);

describe('RcaCauses', () => {
  const load = { loading: false, retry: jest.fn() };

  it('shows the narrative and the ranked causes with their evidence', async () => {
    await renderWithApis(<RcaCauses load={{ ...load, value: testRca }} />, {
      api: {},
    });
    expect(screen.getByText(testRca.narrative)).toBeInTheDocument();
    const causes = screen.getAllByRole('heading', { level: 3 });
    expect(causes.map(c => c.textContent)).toEqual([
      '1. payments',
      '2. orders-db',
    ]);
    expect(
      screen.getByText('latency_p99 rose 9.1 scale units 40s before the fault'),
    ).toBeInTheDocument();
    // The change is evidence, once (the engine words it with its timing).
    expect(screen.getAllByText(/Deployment payments v42/)).toHaveLength(1);
    expect(
      screen.getByRole('progressbar', {
        name: 'Score of component:default/payments: 82%',
      }),
    ).toBeInTheDocument();
  });

  it('shows progress while loading and says when there is no RCA yet', async () => {
    const { rerender } = await renderWithApis(
      <RcaCauses load={{ ...load, loading: true }} />,
      { api: {} },
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    rerender(<RcaCauses load={load} />);
    expect(screen.getByText(/No root-cause analysis yet/)).toBeInTheDocument();
  });

  it('shows the error with a retry', async () => {
    const retry = jest.fn();
    await renderWithApis(
      <RcaCauses load={{ loading: false, retry, error: new Error('boom') }} />,
      { api: {} },
    );
    expect(
      screen.getByText('Could not load the root-cause analysis', {
        exact: false,
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalled();
  });
});

describe('SimilarIncidents', () => {
  it('lists past incidents with similarity and resolution, linked', async () => {
    await renderWithApis(
      <SimilarIncidents
        similar={testRca.similar}
        incidentLink={id => `/cloudops/incidents/${id}`}
      />,
      { api: {} },
    );
    expect(
      screen.getByRole('link', { name: 'Orders DB connection pool exhausted' }),
    ).toHaveAttribute(
      'href',
      `/cloudops/incidents/${testRca.similar[0].incidentId}`,
    );
    expect(
      screen.getByText(/74% similar · root cause orders-db/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/resolved by Scale out checkout/),
    ).toBeInTheDocument();
  });
});
