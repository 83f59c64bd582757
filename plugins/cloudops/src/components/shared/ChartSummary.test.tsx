import { screen } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { ChartSummary, summarizeSeries } from './ChartSummary';

describe('summarizeSeries', () => {
  it('gives the range, first, last, lowest and highest value in x order', () => {
    expect(
      summarizeSeries([
        { x: 3, value: 7 },
        { x: 1, value: 4 },
        { x: 2, value: 9 },
        { x: 4, value: 2 },
      ]),
    ).toEqual({ from: 1, to: 4, first: 4, last: 2, min: 2, max: 9 });
    expect(summarizeSeries([])).toBeUndefined();
  });
});

describe('ChartSummary', () => {
  it('says per series what the chart shows, for screen readers only', async () => {
    await renderWithApis(
      <figure aria-label="Latency">
        <ChartSummary
          series={[
            {
              name: 'p99',
              points: [
                { x: 1, value: 120 },
                { x: 2, value: 900 },
              ],
            },
            { name: 'empty', points: [] },
          ]}
          formatX={x => `T${x}`}
          formatValue={v => `${v} ms`}
        />
      </figure>,
      { api: {} },
    );
    expect(screen.getByRole('figure', { name: 'Latency' })).toHaveTextContent(
      'p99: From T1 to T2: first 120 ms, last 900 ms, lowest 120 ms, highest 900 ms.',
    );
  });

  it('renders nothing without points', async () => {
    const { container } = await renderWithApis(
      <ChartSummary
        series={[{ points: [] }]}
        formatX={String}
        formatValue={String}
      />,
      { api: {} },
    );
    expect(container.querySelector('p')).toBeNull();
  });
});
