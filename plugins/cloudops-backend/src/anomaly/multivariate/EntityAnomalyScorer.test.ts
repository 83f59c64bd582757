import { SeededRandom } from '../../random/SeededRandom';
import { ENTITY_WARMUP, EntityAnomalyScorer } from './EntityAnomalyScorer';

const MINUTE = 60_000;

function normal(random: SeededRandom) {
  const load = random.gaussian();
  return {
    cpu: 40 + 5 * load + random.gaussian(),
    latency: 120 + 10 * load + 2 * random.gaussian(),
    errors: 1 + Math.abs(random.gaussian()),
  };
}

function trained(count = 200) {
  const random = SeededRandom.fromSeed(11);
  const scorer = new EntityAnomalyScorer(EntityAnomalyScorer.initial());
  for (let i = 0; i < count; i++) scorer.update(i * MINUTE, normal(random));
  return { scorer, random, next: count * MINUTE };
}

describe('EntityAnomalyScorer', () => {
  it('says it is in cold start until it has enough vectors', () => {
    const scorer = new EntityAnomalyScorer(EntityAnomalyScorer.initial());
    const random = SeededRandom.fromSeed(1);
    expect(scorer.update(0, normal(random))).toEqual({
      ready: false,
      reason: `cold start: 0 of ${ENTITY_WARMUP} vectors`,
    });
    for (let i = 1; i < ENTITY_WARMUP; i++)
      scorer.update(i * MINUTE, normal(random));
    expect(scorer.update(ENTITY_WARMUP * MINUTE, normal(random)).ready).toBe(
      true,
    );
  });

  it('scores a broken combination of metrics high and names the culprit', () => {
    const { scorer, random, next } = trained();
    const ordinary = scorer.update(next, normal(random));
    // high latency and errors while CPU is normal: each value alone is plausible-ish
    const broken = scorer.update(next + MINUTE, {
      cpu: 40,
      latency: 200,
      errors: 9,
    });
    expect(ordinary.ready && broken.ready).toBe(true);
    if (!ordinary.ready || !broken.ready) return;
    expect(broken.score).toBeGreaterThan(0.65);
    expect(broken.score).toBeGreaterThan(ordinary.score + 0.15);
    expect(broken.contributions[0].feature).toMatch(/latency|errors/);
  });

  it('keeps scoring when a feature goes missing, is NaN or a new one appears', () => {
    const { scorer, random, next } = trained();
    const { cpu, latency } = normal(random);
    const verdict = scorer.update(next, { cpu, latency, heap: 3 });
    expect(verdict).toMatchObject({
      ready: true,
      missing: ['errors'],
      unknown: ['heap'],
    });
    expect(verdict.ready && Number.isFinite(verdict.score)).toBe(true);
    const none = scorer.update(next + MINUTE, { other: 1 });
    expect(none).toEqual({
      ready: false,
      reason:
        "none of the model's features (cpu, errors, latency) is in the vector",
    });
  });

  it('adopts a renamed feature at the next training', () => {
    const { scorer, random, next } = trained(100);
    let verdict = scorer.update(next, normal(random));
    for (let i = 1; i <= 250; i++) {
      const { cpu, latency, errors } = normal(random);
      verdict = scorer.update(next + i * MINUTE, {
        cpu_percent: cpu,
        latency,
        errors,
      });
    }
    expect(verdict).toMatchObject({ ready: true, missing: [], unknown: [] });
  });

  it('continues from serialised state, retraining on the saved window', () => {
    const { scorer, next } = trained();
    const restored = new EntityAnomalyScorer(
      JSON.parse(JSON.stringify(scorer.state)),
    );
    const vector = { cpu: 90, latency: 300, errors: 20 };
    const before = scorer.update(next, vector);
    const after = restored.update(next, vector);
    expect(after.ready && before.ready).toBe(true);
    if (!after.ready || !before.ready) return;
    expect(after.score).toBeCloseTo(before.score, 1);
    expect(after.contributions.map(c => c.feature)).toEqual(
      before.contributions.map(c => c.feature),
    );
  });
});
