import { DemoClock } from './clock';

describe('DemoClock', () => {
  it('is the wall clock at time scale 1', () => {
    let wall = 1_000_000_000_000;
    const clock = new DemoClock(1, () => wall);
    expect(clock.now()).toBe(wall);
    wall += 5000;
    expect(clock.now()).toBe(wall);
    expect(clock.simulated(1000)).toBe(1000);
  });

  it('runs faster from far enough behind, and never passes the wall clock', () => {
    let wall = 1_000_000_000_000;
    const clock = new DemoClock(60, () => wall);
    const start = clock.now();
    // 59 × 10 minutes behind.
    expect(wall - start).toBe(59 * 600_000);
    wall += 1000;
    expect(clock.now() - start).toBe(60_000);
    wall += 9 * 60_000;
    expect(clock.now()).toBeLessThan(wall);
    // After ten minutes it has caught up and keeps the wall's pace.
    wall += 2 * 60_000;
    expect(clock.now()).toBe(wall);
    wall += 1000;
    expect(clock.now()).toBe(wall);
  });

  it('starts at most 12 hours behind, and refuses slow motion', () => {
    const wall = 1_000_000_000_000;
    expect(wall - new DemoClock(3600, () => wall).now()).toBe(12 * 3_600_000);
    expect(() => new DemoClock(0.5)).toThrow(/timeScale must be 1 or more/);
  });
});
