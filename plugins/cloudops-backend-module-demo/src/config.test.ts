import { ConfigReader } from '@backstage/config';
import { readDemoOptions } from './config';

const read = (data: object) => readDemoOptions(new ConfigReader(data));

describe('readDemoOptions', () => {
  it('is on by default, live, with the chaos timer', () => {
    expect(read({})).toMatchObject({
      enabled: true,
      reason: 'no real source is configured',
      timeScale: 1,
      pullIntervalMs: 15_000,
      historyMs: 90 * 60_000,
      warmupMs: 5 * 3_600_000,
      historyDays: 14,
      pastFaults: { enabled: true, everyMs: 24 * 3_600_000 },
      savingsEnabled: true,
      savingsScanMs: 3_600_000,
      catalogSettleMs: 15_000,
      chaos: {
        enabled: true,
        everyMs: 20 * 60_000,
        kinds: expect.arrayContaining(['bad-deploy']),
      },
    });
  });

  it('keeps savings off when asked', () => {
    expect(
      read({ cloudops: { demo: { savings: { enabled: false } } } }),
    ).toMatchObject({ enabled: true, savingsEnabled: false });
  });

  it('is off with one line', () => {
    expect(read({ cloudops: { demo: { enabled: false } } })).toMatchObject({
      enabled: false,
      reason: 'cloudops.demo.enabled is false',
    });
  });

  it.each([
    [{ cloudops: { prometheus: { clusters: [] } } }, 'cloudops.prometheus'],
    [{ cloudops: { aws: { regions: ['eu-west-1'] } } }, 'cloudops.aws'],
    [{ aws: { accounts: [{ accountId: '123456789012' }] } }, 'aws.accounts'],
  ])(
    'stays off when a real source is configured (%j) unless asked',
    (data, key) => {
      const off = read(data);
      expect(off.enabled).toBe(false);
      expect(off.reason).toContain(key);
      expect(off.reason).toContain('set cloudops.demo.enabled: true');
      const asked = read({
        ...data,
        cloudops: { ...(data as any).cloudops, demo: { enabled: true } },
      });
      expect(asked).toMatchObject({
        enabled: true,
        reason: 'cloudops.demo.enabled is true',
      });
    },
  );

  it('names the key and the problem for bad values', () => {
    expect(() => read({ cloudops: { demo: { timeScale: 0 } } })).toThrow(
      'cloudops.demo.timeScale must be between 1 and 3600, got 0',
    );
    expect(() =>
      read({ cloudops: { demo: { chaos: { kinds: ['disk-full'] } } } }),
    ).toThrow(
      /cloudops.demo.chaos.kinds: unknown scenario "disk-full"; expected one of cpu-stress/,
    );
    expect(() =>
      read({ cloudops: { demo: { pullInterval: { milliseconds: 10 } } } }),
    ).toThrow('cloudops.demo.pullInterval must be at least 250ms');
    expect(() =>
      read({
        cloudops: { demo: { savings: { scanInterval: { seconds: 5 } } } },
      }),
    ).toThrow('cloudops.demo.savings.scanInterval must be at least 1m');
    expect(() =>
      read({ cloudops: { demo: { pullInterval: 'soon' } } }),
    ).toThrow(/pullInterval/);
    expect(() =>
      read({ cloudops: { demo: { history: { days: 45 } } } }),
    ).toThrow(
      'cloudops.demo.history.days must be a whole number from 0 to 30, got 45',
    );
    expect(() =>
      read({
        cloudops: { demo: { history: { pastFaults: { every: '1h' } } } },
      }),
    ).toThrow('cloudops.demo.history.pastFaults.every must be at least 2h');
  });
});
