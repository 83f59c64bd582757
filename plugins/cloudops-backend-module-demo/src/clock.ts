/** The most a fast clock starts behind the wall clock. */
const MAX_LEAD_MS = 12 * 3_600_000;
/** How long (wall time) a fast clock can run fast before it reaches the wall clock. */
const FAST_FOR_MS = 10 * 60_000;

/**
 * The simulation's clock. At the default time scale of 1 it is the wall
 * clock: the fleet runs live. A larger scale (tests, benchmarks) runs
 * simulated time that many times faster, starting far enough behind the
 * wall clock that it never gets ahead of it for ten minutes of wall time
 * (at most 12 hours behind); once it has caught up it runs at the wall
 * clock's pace. Simulated time never passes the wall clock, so every
 * signal is in the past, as from a real source.
 */
export class DemoClock {
  private readonly wallStart: number;
  private readonly simStart: number;

  constructor(
    readonly timeScale: number,
    private readonly wallNow: () => number = Date.now,
  ) {
    if (!(timeScale >= 1)) {
      throw new Error(
        `cloudops.demo.timeScale must be 1 or more, got ${timeScale}`,
      );
    }
    this.wallStart = wallNow();
    const lead = Math.min(MAX_LEAD_MS, (timeScale - 1) * FAST_FOR_MS);
    this.simStart = this.wallStart - lead;
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    const wall = this.wallNow();
    return Math.min(
      wall,
      this.simStart + (wall - this.wallStart) * this.timeScale,
    );
  }

  /** Simulated milliseconds that pass in `wallMs` of wall time (while running fast). */
  simulated(wallMs: number): number {
    return wallMs * this.timeScale;
  }
}
