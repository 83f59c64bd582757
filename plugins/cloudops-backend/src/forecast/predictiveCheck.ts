import { BuiltinForecaster } from '../detectors/BuiltinForecaster';
import { SeededRandom } from '../random/SeededRandom';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const INTERVAL = 5 * MINUTE;
/** Quiet history before a ramp starts: enough to learn the daily season. */
const QUIET = 3 * DAY;
const HORIZONS = [30 * MINUTE, 2 * HOUR, 6 * HOUR];
const THRESHOLD = 90;

/** A synthetic series: daily season, noise, and for trending ones a ramp to the threshold. */
interface Synthetic {
  horizonMs: number;
  values: (t: number) => number;
  /** For trending series: when the ramp reaches the threshold. */
  breachAt?: number;
  end: number;
}

function synthetic(random: SeededRandom, trending: boolean): Synthetic {
  const base = 30 + 20 * random.next();
  const amplitude = 12 * random.next();
  const noise = 0.5 + 2.5 * random.next();
  const phase = 2 * Math.PI * random.next();
  const horizonMs = HORIZONS[random.int(HORIZONS.length)];
  // the ramp lasts 2 to 8 horizons, so there is a trend to see
  const rampMs = horizonMs * (2 + 6 * random.next());
  const slope = (THRESHOLD - base) / rampMs;
  const noiseAt = new Map<number, number>();
  const values = (t: number) => {
    if (!noiseAt.has(t)) noiseAt.set(t, noise * random.gaussian());
    const season = amplitude * Math.sin((2 * Math.PI * t) / DAY + phase);
    const ramp = trending ? Math.max(0, t - QUIET) * slope : 0;
    return base + season + ramp + noiseAt.get(t)!;
  };
  return trending
    ? {
        horizonMs,
        values,
        breachAt: QUIET + rampMs,
        end: QUIET + rampMs + horizonMs,
      }
    : { horizonMs, values, end: QUIET + 2 * DAY };
}

/** The predictive check's figures. */
export interface PredictiveCheckReport {
  trending: {
    series: number;
    /** Series whose breach was forecast at least half the horizon ahead (and within it). */
    forecastInTime: number;
    rate: number;
    /** Median lead of the first forecast that held, in horizons. */
    medianLead: number;
  };
  stationary: {
    series: number;
    /** Series on which a breach was ever forecast. */
    falseForecasts: number;
    rate: number;
  };
  points: number;
  seconds: number;
}

/**
 * The predictive check: the built-in forecaster on synthetic series (5-minute
 * points, a daily season, Gaussian noise) with a `forecast >= 90 within H`
 * rule, H one of 30 min, 2 h, 6 h. Trending series ramp up to the threshold
 * after three quiet days; stationary ones never reach it. A forecast holds
 * when the value or a bound within the horizon crosses the threshold, as in
 * the rule condition.
 */
export async function runPredictiveCheck(
  options: { series?: number; seed?: number } = {},
): Promise<PredictiveCheckReport> {
  const started = performance.now();
  const count = options.series ?? 100;
  const random = SeededRandom.fromSeed(options.seed ?? 42);
  const forecaster = new BuiltinForecaster();
  let points = 0;
  let inTime = 0;
  let falseForecasts = 0;
  const leads: number[] = [];
  for (let i = 0; i < 2 * count; i++) {
    const trending = i % 2 === 0;
    const series = synthetic(random, trending);
    let firstHold: number | undefined;
    let heldInTime = false;
    for (let t = 0; t <= series.end; t += INTERVAL) {
      if (series.breachAt !== undefined && t >= series.breachAt) break;
      points += 1;
      const value = series.values(t);
      const result = await forecaster.forecast(
        `series-${i}`,
        { timestamp: t, value },
        series.horizonMs,
      );
      const holds =
        result.ready &&
        (value >= THRESHOLD ||
          result.points.some(
            p => p.timestamp <= t + series.horizonMs && p.upper >= THRESHOLD,
          ));
      if (!holds) continue;
      firstHold ??= t;
      if (series.breachAt !== undefined) {
        const lead = series.breachAt - t;
        heldInTime ||= lead >= series.horizonMs / 2 && lead <= series.horizonMs;
      }
    }
    if (trending) {
      if (heldInTime) inTime += 1;
      if (firstHold !== undefined) {
        leads.push((series.breachAt! - firstHold) / series.horizonMs);
      }
    } else if (firstHold !== undefined) {
      falseForecasts += 1;
    }
  }
  leads.sort((a, b) => a - b);
  return {
    trending: {
      series: count,
      forecastInTime: inTime,
      rate: inTime / count,
      medianLead: leads.length ? leads[Math.floor(leads.length / 2)] : 0,
    },
    stationary: {
      series: count,
      falseForecasts,
      rate: falseForecasts / count,
    },
    points,
    seconds: (performance.now() - started) / 1000,
  };
}
