import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readDemoOptions } from '../config';
import { DemoFleet } from '../fleet/DemoFleet';
import { PastFaults } from './PastFaults';
import { ScenarioService } from './ScenarioService';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-22T15:37:00Z');

function pastFaults(demo: Record<string, unknown> = {}) {
  const options = readDemoOptions(
    new ConfigReader({ cloudops: { demo: { enabled: true, ...demo } } }),
  );
  const fleet = { clock: { now: () => NOW } } as unknown as DemoFleet;
  return new PastFaults({
    fleet,
    scenarios: {} as ScenarioService,
    options,
    logger: mockServices.logger.mock(),
  });
}

describe('PastFaults.plan', () => {
  it('plans one fault per day over the last 14 days, ending before the live warm-up, each kind in turn', () => {
    const plan = pastFaults().plan(NOW);
    expect(plan.length).toBeGreaterThanOrEqual(12);
    expect(plan.length).toBeLessThanOrEqual(14);
    for (const fault of plan) {
      expect(fault.startedAt).toBeGreaterThanOrEqual(NOW - 14 * 24 * HOUR);
      // The detectors' 5-hour warm-up and 45 minutes' clearance stay the live fleet's.
      expect(fault.startedAt + fault.durationMs).toBeLessThanOrEqual(
        NOW - 5.75 * HOUR,
      );
      expect(fault.durationMs).toBeGreaterThanOrEqual(10 * 60_000);
      expect(fault.durationMs).toBeLessThanOrEqual(20 * 60_000);
      expect(fault.startedAt % 60_000).toBe(0);
    }
    const starts = plan.map(f => f.startedAt);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(new Set(plan.map(f => f.kind)).size).toBe(7);
  });

  it('is the same plan on every replica and restart: slots are aligned to the epoch, ids derive from them', () => {
    const now = pastFaults().plan(NOW);
    const later = pastFaults().plan(NOW + 3 * 24 * HOUR);
    const last = now[now.length - 1];
    const shared = later.filter(f => f.startedAt <= last.startedAt);
    expect(shared.length).toBeGreaterThan(5);
    for (const fault of shared) {
      expect(now).toContainEqual(fault);
    }
  });

  it('follows the configured slot, days and kinds, and plans nothing when turned off', () => {
    const plan = pastFaults({
      history: { days: 2, pastFaults: { every: '6h' } },
      chaos: { kinds: ['crash-loop', 'cpu-stress'] },
    }).plan(NOW);
    expect(plan.length).toBeGreaterThanOrEqual(6);
    expect(new Set(plan.map(f => f.kind))).toEqual(
      new Set(['crash-loop', 'cpu-stress']),
    );
    expect(
      pastFaults({ history: { pastFaults: { enabled: false } } }).plan(NOW),
    ).toEqual([]);
    expect(pastFaults({ history: { days: 0 } }).plan(NOW)).toEqual([]);
  });
});
