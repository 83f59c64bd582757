import { screen } from '@testing-library/react';
import { renderWithApis, testStats } from '../../__testUtils__/renderWithApis';
import { IncidentsOverTime } from './IncidentsOverTime';

describe('IncidentsOverTime', () => {
  it('says day buckets are UTC days and gives the figures as text', async () => {
    await renderWithApis(
      <IncidentsOverTime
        bucketSeconds={86400}
        stats={testStats({
          from: '2026-11-20T12:00:00.000Z',
          to: '2026-11-22T12:00:00.000Z',
          series: [{ start: '2026-11-21T00:00:00.000Z', count: 4 }],
        })}
      />,
      { api: {} },
    );
    const figure = screen.getByRole('figure', {
      name: 'Incidents opened per 1d',
    });
    expect(figure).toHaveTextContent('Each bar is one day in UTC.');
    // Buckets of Nov 20, 21 and 22 (UTC), named by their UTC date.
    const [from, to] = ['2026-11-20', '2026-11-22'].map(day =>
      new Date(`${day}T00:00:00Z`).toLocaleString(undefined, {
        timeZone: 'UTC',
        dateStyle: 'medium',
      }),
    );
    expect(figure).toHaveTextContent(
      `From ${from} (UTC) to ${to} (UTC): first 0, last 0, lowest 0, highest 4.`,
    );
  });

  it('has no UTC note for buckets shorter than a day', async () => {
    await renderWithApis(
      <IncidentsOverTime bucketSeconds={3600} stats={testStats()} />,
      { api: {} },
    );
    expect(screen.queryByText('Each bar is one day in UTC.')).toBeNull();
  });
});
