import { SeededRandom } from '../../random/SeededRandom';
import { AnomalyLikelihood, LIKELIHOOD_WARMUP } from './AnomalyLikelihood';
import { ArPredictor } from './ArPredictor';
import { EpisodeOnset } from './EpisodeOnset';
import { SeasonalBaseline } from './SeasonalBaseline';
import { TailEstimator } from './TailEstimator';

const MINUTE = 60_000;

describe('SeasonalBaseline', () => {
  it('uses the recent level for a series without a season', () => {
    const random = SeededRandom.fromSeed(1);
    const baseline = new SeasonalBaseline(
      SeasonalBaseline.initial({ timestamp: 0, value: 10 }),
    );
    let last;
    for (let i = 1; i < 4 * 1440; i++) {
      last = baseline.update(i * MINUTE, 10 + random.gaussian());
    }
    expect(last).toMatchObject({ model: 'level' });
    expect(last!.expected).toBeCloseTo(10, 0);
  });

  it('switches to the daily profile once two days show it explains the series', () => {
    const state = SeasonalBaseline.initial({ timestamp: 0, value: 0 });
    const baseline = new SeasonalBaseline(state);
    const daily = (i: number) => 50 * Math.sin((2 * Math.PI * i) / 1440);
    const models: string[] = [];
    for (let i = 1; i < 3 * 1440; i++) {
      models.push(baseline.update(i * MINUTE, daily(i)).model);
    }
    expect(models[1440]).toBe('level');
    expect(models[models.length - 1]).toBe('daily');
  });
});

describe('AnomalyLikelihood', () => {
  it('gives no probability during warm-up, then small ones for a jump in errors', () => {
    const random = SeededRandom.fromSeed(2);
    const likelihood = new AnomalyLikelihood(AnomalyLikelihood.initial());
    const tails = Array.from({ length: 600 }, () =>
      likelihood.update(0.1 + 0.02 * random.next()),
    );
    expect(tails[LIKELIHOOD_WARMUP - 1]).toBeUndefined();
    expect(tails[LIKELIHOOD_WARMUP]).toBeGreaterThan(0.01);
    let jump = 1;
    for (let i = 0; i < 10; i++) jump = likelihood.update(0.9)!;
    expect(jump).toBeLessThan(1e-9);
  });
});

describe('TailEstimator', () => {
  it('puts ordinary values in the body and extreme ones far in the tail', () => {
    const random = SeededRandom.fromSeed(3);
    const tails = new TailEstimator(TailEstimator.initial());
    for (let i = 0; i < 3000; i++) tails.update(Math.abs(random.gaussian()));
    expect(tails.update(0.5)).toBe(1);
    const three = tails.update(3)!;
    expect(three).toBeGreaterThan(1e-4);
    expect(three).toBeLessThan(0.05);
    expect(tails.update(12)!).toBeLessThan(1e-8);
  });

  it('gives a heavy-tailed series a long tail', () => {
    const random = SeededRandom.fromSeed(4);
    const heavy = new TailEstimator(TailEstimator.initial());
    const light = new TailEstimator(TailEstimator.initial());
    for (let i = 0; i < 3000; i++) {
      heavy.update(-10 * Math.log(1 - random.next()));
      light.update(Math.abs(random.gaussian()));
    }
    expect(heavy.update(30)!).toBeGreaterThan(light.update(30)!);
  });
});

describe('ArPredictor', () => {
  it('learns a regular oscillation and is surprised when it breaks', () => {
    const ar = new ArPredictor(ArPredictor.initial(0));
    const wave = (i: number) => 10 * Math.sin(i / 3);
    const zs: number[] = [];
    for (let i = 1; i < 2000; i++) zs.push(ar.update(wave(i)) ?? 0);
    const settled = zs.slice(-200);
    expect(Math.max(...settled)).toBeLessThan(5);
    expect(ar.update(wave(2000) + 8)!).toBeGreaterThan(20);
  });

  it('stays finite on a constant series', () => {
    const state = ArPredictor.initial(3);
    const ar = new ArPredictor(state);
    for (let i = 0; i < 20_000; i++) ar.update(3);
    expect(state.inverse.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(ar.update(4)!)).toBe(true);
  });
});

describe('EpisodeOnset', () => {
  it('keeps the first alarm of an episode and caps the rest for the quiet period', () => {
    const onset = new EpisodeOnset(EpisodeOnset.initial(), {
      alarm: 0.5,
      settled: 0.3,
      quiet: 3,
    });
    expect(
      [0.1, 0.6, 0.9, 0.7, 0.2, 0.8, 0.4].map(s => onset.filter(s)),
    ).toEqual([0.1, 0.6, 0.3, 0.3, 0.2, 0.8, 0.3]);
  });
});
