import { assessObservation, ValidationOptions } from './assessObservation';

const options: ValidationOptions = {
  validateAfterDays: 3,
  realizeAfterDays: 30,
  applyDeadlineDays: 14,
  maxPeakUtilization: 0.95,
};
const merge = new Date('2026-11-01T00:00:00Z');
const day = (n: number) => new Date(merge.getTime() + n * 86_400_000);

function assess(
  state: 'merged' | 'validated',
  window: [number, number],
  o: { applied: boolean; actualCost: number; peakUtilization?: number },
  history: Array<{
    applied: boolean;
    savings: number;
    from: number;
    to: number;
  }> = [],
) {
  return assessObservation({
    state,
    stateChangedAt: merge,
    baselineMonthlyCost: 730,
    observation: {
      ...o,
      windowStart: day(window[0]),
      windowEnd: day(window[1]),
    },
    history: history.map(h => ({
      applied: h.applied,
      savings: h.savings,
      windowStart: day(h.from).toISOString(),
      windowEnd: day(h.to).toISOString(),
    })),
    options,
  });
}

describe('assessObservation', () => {
  it('measures savings against the pre-change cost, pro rata', () => {
    // 730 a month is 1 an hour: a day's baseline is 24.
    const d = assess('merged', [0, 1], { applied: true, actualCost: 6 });
    expect(d).toMatchObject({ baselineCost: 24, realized: 18 });
    expect(d.measuredMonthlySavings).toBeCloseTo(547.5, 6);
    expect(d.transition).toBeUndefined();
  });

  it('validates once the change has been in place long enough', () => {
    const d = assess('merged', [2, 3], { applied: true, actualCost: 0 }, [
      { applied: true, savings: 48, from: 0, to: 2 },
    ]);
    expect(d.transition?.to).toBe('validated');
  });

  it('counts no savings while the change is not in place, and rejects it after the deadline', () => {
    const early = assess('merged', [0, 5], { applied: false, actualCost: 120 });
    expect(early.realized).toBe(0);
    expect(early.transition).toBeUndefined();
    expect(early.measuredMonthlySavings).toBeUndefined();
    const late = assess('merged', [5, 14], { applied: false, actualCost: 216 });
    expect(late.transition).toMatchObject({ to: 'rejected' });
    expect(late.transition?.note).toMatch(/not found in place 14 days/);
  });

  it('rejects a regression: the new size saturated', () => {
    const d = assess('merged', [0, 4], {
      applied: true,
      actualCost: 10,
      peakUtilization: 0.99,
    });
    expect(d.transition).toMatchObject({ to: 'rejected' });
    expect(d.transition?.note).toMatch(/99% of the new capacity/);
    const validated = assess('validated', [4, 5], {
      applied: true,
      actualCost: 1,
      peakUtilization: 0.97,
    });
    expect(validated.transition?.to).toBe('rejected');
  });

  it('rejects a change reverted after validation', () => {
    expect(
      assess('validated', [4, 5], { applied: false, actualCost: 24 }).transition
        ?.to,
    ).toBe('rejected');
  });

  it('realizes after the realization period with positive measured savings', () => {
    const history = [{ applied: true, savings: 20 * 29, from: 0, to: 29 }];
    expect(
      assess('validated', [29, 30], { applied: true, actualCost: 4 }, history)
        .transition?.to,
    ).toBe('realized');
    expect(
      assess('validated', [20, 21], { applied: true, actualCost: 4 }, [])
        .transition,
    ).toBeUndefined();
    // A change that saved nothing is never realized.
    const none = [{ applied: true, savings: -1, from: 0, to: 29 }];
    expect(
      assess('validated', [29, 30], { applied: true, actualCost: 24 }, none)
        .transition,
    ).toBeUndefined();
  });
});
