import { screen } from '@testing-library/react';
import {
  renderWithApis,
  testIncident,
} from '../../__testUtils__/renderWithApis';
import { formatTime } from '../shared';
import { SignalCharts } from './SignalCharts';

describe('SignalCharts', () => {
  it('gives each chart its figures as text for screen readers', async () => {
    const signal = (timestamp: string, value: number) => ({
      source: 'prometheus',
      kind: 'metric' as const,
      name: 'http_p99_seconds',
      timestamp,
      value,
      labels: {},
      resource: 'checkout',
      fingerprint: 'f1',
    });
    await renderWithApis(<SignalCharts incident={testIncident} />, {
      api: {
        getIncidentSignals: jest.fn().mockResolvedValue({
          items: [
            signal('2026-11-22T09:58:00.000Z', 0.4),
            signal('2026-11-22T09:59:00.000Z', 2.5),
            signal('2026-11-22T10:00:00.000Z', 2.1),
          ],
        }),
      },
    });
    const figure = await screen.findByRole('figure', {
      name: 'http_p99_seconds over time, detection, normal band and rule level marked',
    });
    expect(figure).toHaveTextContent(
      `From ${formatTime('2026-11-22T09:58:00.000Z')} to ${formatTime(
        '2026-11-22T10:00:00.000Z',
      )}: first 0.4, last 2.1, lowest 0.4, highest 2.5.`,
    );
  });

  it('names alerts by their status and events without a message by their kind, in words', async () => {
    const mark = (fingerprint: string, extra: object) => ({
      source: 'alertmanager',
      kind: 'alert' as const,
      name: fingerprint,
      timestamp: '2026-11-22T10:00:00.000Z',
      labels: {},
      fingerprint,
      ...extra,
    });
    await renderWithApis(<SignalCharts incident={testIncident} />, {
      api: {
        getIncidentSignals: jest.fn().mockResolvedValue({
          items: [
            mark('HighLatency', { status: 'firing' }),
            mark('DiskFull', { status: 'silenced' }),
            mark('Deploy', {
              kind: 'event',
              message: 'checkout v42 rolled out',
            }),
            mark('Restart', { kind: 'event' }),
          ],
        }),
      },
    });
    expect(await screen.findByText('HighLatency: Firing')).toBeInTheDocument();
    for (const text of [
      'DiskFull: silenced',
      'Deploy: checkout v42 rolled out',
      'Restart: Event',
    ]) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
  });
});
