import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { fakeSignals } from '../__testUtils__/renderWithApis';
import { useIncidentChanges } from './useIncidentChanges';

describe('useIncidentChanges', () => {
  afterEach(() => jest.useRealTimers());

  function setup(options: Parameters<typeof useIncidentChanges>[0]) {
    const signals = fakeSignals();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        {children}
      </TestApiProvider>
    );
    const hook = renderHook(() => useIncidentChanges(options), { wrapper });
    return { signals, hook };
  }

  it('bumps at once, then at most once per interval however many changes arrive', async () => {
    jest.useFakeTimers();
    const { signals, hook } = setup({ minIntervalMs: 1000 });
    expect(hook.result.current).toEqual({ version: 0, isLive: true });

    await signals.incidentsChanged({ incidentIds: ['a'], more: 0 });
    expect(hook.result.current.version).toBe(1);
    await signals.incidentsChanged({ incidentIds: ['b'], more: 0 });
    await signals.incidentsChanged({ incidentIds: ['c'], more: 0 });
    expect(hook.result.current.version).toBe(1);
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    expect(hook.result.current.version).toBe(2);
  });

  it('ignores messages the caller does not accept', async () => {
    const { signals, hook } = setup({
      accept: message => message.incidentIds.includes('mine'),
    });
    await signals.incidentsChanged({ incidentIds: ['other'], more: 0 });
    expect(hook.result.current.version).toBe(0);
    await signals.incidentsChanged({ incidentIds: ['mine'], more: 0 });
    expect(hook.result.current.version).toBe(1);
  });

  it('says when signals are not installed', () => {
    const { result } = renderHook(() => useIncidentChanges(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestApiProvider apis={[]}>{children}</TestApiProvider>
      ),
    });
    expect(result.current).toEqual({ version: 0, isLive: false });
  });
});
