/**
 * The Numenta Anomaly Benchmark's scoring, written from its documented rules
 * (Lavin & Ahmad 2015; Ahmad et al. 2017; the NAB wiki):
 *
 * - Each labelled anomaly has a window around it. The first part of every
 *   file (15%, at most 750 points) is probationary and not scored.
 * - Inside a window only the earliest detection counts, rewarded with a
 *   scaled sigmoid of its position: about +1 at the window's left edge, 0 at
 *   its right edge. A window without a detection costs the missed-window
 *   weight.
 * - Every detection outside a window costs the false-positive weight times a
 *   sigmoid of its distance past the previous window (little right after a
 *   window, the full weight far from one or before the first).
 * - A detection is a point whose anomaly score is at or above a threshold; the
 *   threshold is chosen per profile to maximise the score over the corpus.
 * - The normalised score is 100·(raw − null)/(perfect − null), where null never
 *   detects (every window missed) and perfect detects every window (each
 *   window worth the true-positive weight).
 */

/** A profile's weights. */
export interface CostMatrix {
  tpWeight: number;
  fnWeight: number;
  fpWeight: number;
}

/** A labelled anomaly window, inclusive, in epoch milliseconds. */
export interface AnomalyWindow {
  start: number;
  end: number;
}

/**
 * What each point of a file is worth if detected: its window (or -1 outside
 * any) and its unweighted score, in -1..1.
 */
export interface PointRoles {
  /** Index of the first scored point; the ones before are probationary. */
  firstScored: number;
  /** Window of each point, or -1 outside windows. */
  window: Int32Array;
  /** Unweighted score of each point: sigmoid of position in or past a window. */
  weight: Float64Array;
  windowCount: number;
}

/** A file's roles with a detector's anomaly score for each point. */
export interface ScoredFile {
  roles: PointRoles;
  scores: ArrayLike<number>;
}

/** A file's outcome at a threshold. */
export interface FileOutcome {
  raw: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** 2·sigmoid(−5x) − 1, and −1 beyond x = 3. */
export function scaledSigmoid(position: number): number {
  if (position > 3) {
    return -1;
  }
  return 2 / (1 + Math.exp(5 * position)) - 1;
}

/** How many leading points of a file of `length` points are not scored. */
export function probationaryLength(length: number, fraction = 0.15): number {
  return Math.min(Math.floor(fraction * length), fraction * 5000);
}

/**
 * Assigns each point of a file (timestamps ascending) its window and its
 * unweighted score.
 */
export function pointRoles(
  timestamps: ArrayLike<number>,
  windows: AnomalyWindow[],
  probationFraction = 0.15,
): PointRoles {
  const n = timestamps.length;
  const window = new Int32Array(n).fill(-1);
  const weight = new Float64Array(n);
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const limits = sorted.map(({ start, end }) => {
    let left = -1;
    let right = -1;
    for (let i = 0; i < n; i++) {
      if (timestamps[i] >= start && timestamps[i] <= end) {
        if (left < 0) left = i;
        right = i;
      }
    }
    return { left, right };
  });
  limits.forEach(({ left, right }, w) => {
    for (let i = left; i >= 0 && i <= right; i++) {
      window[i] = w;
    }
  });
  let previousRight = -1;
  let previousWidth = 0;
  for (let i = 0; i < n; i++) {
    const w = window[i];
    if (w >= 0) {
      const { left, right } = limits[w];
      const width = right - left + 1;
      weight[i] = scaledSigmoid(-(right - i + 1) / width);
      if (i === right) {
        previousRight = right;
        previousWidth = width;
      }
    } else if (previousRight < 0) {
      weight[i] = -1;
    } else {
      weight[i] = scaledSigmoid((i - previousRight) / (previousWidth - 1));
    }
  }
  return {
    firstScored: probationaryLength(n, probationFraction),
    window,
    weight,
    windowCount: windows.length,
  };
}

/** A file's outcome when points scoring at or above `threshold` are detections. */
export function scoreFile(
  { roles, scores }: ScoredFile,
  threshold: number,
  cost: CostMatrix,
): FileOutcome {
  const best = new Float64Array(roles.windowCount).fill(-cost.fnWeight);
  const detected = new Uint8Array(roles.windowCount);
  let falsePositives = 0;
  let falseCost = 0;
  for (let i = roles.firstScored; i < scores.length; i++) {
    if (!(scores[i] >= threshold)) continue;
    const w = roles.window[i];
    if (w < 0) {
      falsePositives += 1;
      falseCost += cost.fpWeight * roles.weight[i];
    } else {
      detected[w] = 1;
      best[w] = Math.max(best[w], cost.tpWeight * roles.weight[i]);
    }
  }
  const truePositives = detected.reduce((sum, d) => sum + d, 0);
  return {
    raw: best.reduce((sum, b) => sum + b, falseCost),
    truePositives,
    falsePositives,
    falseNegatives: roles.windowCount - truePositives,
  };
}

/**
 * The threshold that maximises the summed raw score over `files`, and that
 * score. Without any detection worth having, the threshold is +Infinity
 * (never detect).
 */
export function optimiseThreshold(
  files: ScoredFile[],
  cost: CostMatrix,
): { threshold: number; raw: number } {
  const windowBase: number[] = [];
  let windowCount = 0;
  for (const file of files) {
    windowBase.push(windowCount);
    windowCount += file.roles.windowCount;
  }
  const points: Array<{ score: number; file: number; index: number }> = [];
  files.forEach(({ roles, scores }, file) => {
    for (let index = roles.firstScored; index < scores.length; index++) {
      if (Number.isFinite(scores[index])) {
        points.push({ score: scores[index], file, index });
      }
    }
  });
  points.sort((a, b) => b.score - a.score);

  const best = new Float64Array(windowCount).fill(-cost.fnWeight);
  let total = -cost.fnWeight * windowCount;
  let optimum = { threshold: Number.POSITIVE_INFINITY, raw: total };
  for (let p = 0; p < points.length; ) {
    const threshold = points[p].score;
    for (; p < points.length && points[p].score === threshold; p++) {
      const { roles } = files[points[p].file];
      const { index } = points[p];
      const w = roles.window[index];
      if (w < 0) {
        total += cost.fpWeight * roles.weight[index];
      } else {
        const value = cost.tpWeight * roles.weight[index];
        const slot = windowBase[points[p].file] + w;
        if (value > best[slot]) {
          total += value - best[slot];
          best[slot] = value;
        }
      }
    }
    if (total > optimum.raw) {
      optimum = { threshold, raw: total };
    }
  }
  return optimum;
}

/** 100·(raw − null)/(perfect − null); undefined without windows. */
export function normalisedScore(
  raw: number,
  windowCount: number,
  cost: CostMatrix,
): number | undefined {
  if (windowCount === 0) {
    return undefined;
  }
  const none = -cost.fnWeight * windowCount;
  const perfect = cost.tpWeight * windowCount;
  return (100 * (raw - none)) / (perfect - none);
}
