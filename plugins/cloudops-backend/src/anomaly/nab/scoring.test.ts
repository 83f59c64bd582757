import {
  normalisedScore,
  optimiseThreshold,
  pointRoles,
  probationaryLength,
  scaledSigmoid,
  scoreFile,
} from './scoring';

const standard = { tpWeight: 1, fnWeight: 1, fpWeight: 0.11 };
const lowFp = { tpWeight: 1, fnWeight: 1, fpWeight: 0.22 };
const lowFn = { tpWeight: 1, fnWeight: 2, fpWeight: 0.11 };

/** 20 points a minute apart with one window over points 10..13. */
const minute = 60_000;
const timestamps = Array.from({ length: 20 }, (_, i) => i * minute);
const roles = pointRoles(timestamps, [
  { start: 10 * minute, end: 13 * minute },
]);

function scores(at: Record<number, number>, otherwise = 0): number[] {
  return timestamps.map((_, i) => at[i] ?? otherwise);
}

describe('NAB scoring', () => {
  it('scales the sigmoid to +1 at a window start, 0 at its end, -1 far past it', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
    expect(scaledSigmoid(3.01)).toBe(-1);
  });

  it('leaves 15% of a file, at most 750 points, unscored', () => {
    expect(probationaryLength(100)).toBe(15);
    expect(probationaryLength(4032)).toBe(604);
    expect(probationaryLength(22695)).toBe(750);
  });

  it('weighs each point by its place in or past a window', () => {
    expect(roles.firstScored).toBe(3);
    expect(Array.from(roles.window.slice(9, 15))).toEqual([-1, 0, 0, 0, 0, -1]);
    // before the first window: a full false positive
    expect(roles.weight[9]).toBe(-1);
    // in the window of width 4: -(right - i + 1) / width
    expect(roles.weight[10]).toBeCloseTo(0.98661, 5);
    expect(roles.weight[11]).toBeCloseTo(0.95405, 5);
    expect(roles.weight[12]).toBeCloseTo(0.84828, 5);
    expect(roles.weight[13]).toBeCloseTo(0.5546, 4);
    // past it: distance / (width - 1)
    expect(roles.weight[14]).toBeCloseTo(-0.68226, 5);
    expect(roles.weight[16]).toBeCloseTo(-0.98661, 5);
  });

  it('counts only the earliest detection in a window and every false positive', () => {
    const file = { roles, scores: scores({ 5: 1, 12: 1, 13: 1, 14: 1 }) };
    const outcome = scoreFile(file, 0.5, standard);
    // 0.84828 for point 12; 0.11 × (-1) for point 5 and 0.11 × (-0.68226) for point 14
    expect(outcome.raw).toBeCloseTo(0.66323, 5);
    expect(outcome).toMatchObject({
      truePositives: 1,
      falsePositives: 2,
      falseNegatives: 0,
    });
  });

  it('charges a missed window and ignores probationary detections', () => {
    const file = { roles, scores: scores({ 1: 1, 2: 1 }) };
    expect(scoreFile(file, 0.5, standard)).toEqual({
      raw: -1,
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 1,
    });
    expect(scoreFile(file, 0.5, lowFn).raw).toBe(-2);
  });

  it('picks the threshold that maximises the corpus score', () => {
    const file = {
      roles,
      scores: scores({ 1: 0.95, 5: 0.9, 12: 0.8, 14: 0.7 }),
    };
    // ≥ 0.9: missed window and one full FP; ≥ 0.8: TP 0.84828 − 0.11;
    // ≥ 0.7: also − 0.11 × 0.68226; ≥ 0: every scored point detected.
    const best = optimiseThreshold([file], standard);
    expect(best.threshold).toBe(0.8);
    expect(best.raw).toBeCloseTo(0.73828, 5);
    expect(optimiseThreshold([file], lowFp).raw).toBeCloseTo(0.62828, 5);
    expect(best.raw).toBeCloseTo(scoreFile(file, 0.8, standard).raw, 10);
  });

  it('sums windows across files when sweeping', () => {
    const early = { roles, scores: scores({ 10: 0.6 }) };
    const late = { roles, scores: scores({ 13: 0.9, 19: 0.7 }) };
    // ≥ 0.9: 0.5546 − 1 (missed); ≥ 0.7: plus 0.11 × (−0.99991); ≥ 0.6: 0.98661 + 0.5546 − 0.11
    const best = optimiseThreshold([early, late], standard);
    expect(best.threshold).toBe(0.6);
    expect(best.raw).toBeCloseTo(0.98661 + 0.5546 - 0.11 * 0.99991, 4);
  });

  it('never detects when nothing is worth it', () => {
    // points without a score (NaN) are never detections
    const file = { roles, scores: scores({ 4: 0.9, 5: 0.8 }, NaN) };
    expect(optimiseThreshold([file], standard)).toEqual({
      threshold: Number.POSITIVE_INFINITY,
      raw: -1,
    });
  });

  it('normalises between the null and the perfect detector', () => {
    expect(normalisedScore(-2, 2, standard)).toBe(0);
    expect(normalisedScore(2, 2, standard)).toBe(100);
    expect(normalisedScore(0, 2, standard)).toBe(50);
    expect(normalisedScore(0, 2, lowFn)).toBeCloseTo(66.667, 3);
    expect(normalisedScore(-0.5, 0, standard)).toBeUndefined();
  });
});
