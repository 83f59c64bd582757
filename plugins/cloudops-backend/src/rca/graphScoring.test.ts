import { RCA_ENGINE_CONFIG } from './engineConfig';
import { scoreWithGraph } from './graphScoring';
import { ServiceEvidence } from './serviceEvidence';
import { ServiceGraph } from './serviceGraph';

/** Evidence of a service that moved with `strength`, harmfully, at `onset`. */
function moved(
  service: string,
  strength: number,
  onset: number,
): ServiceEvidence {
  return {
    service,
    moves: [],
    own: strength,
    propagating: strength,
    moved: true,
    onset,
    judged: 1,
    total: 1,
    changes: [],
  };
}

function scores(evidence: ServiceEvidence[]) {
  const verdicts = scoreWithGraph(
    new Map(evidence.map(e => [e.service, e])),
    new ServiceGraph([['api', 'db']]),
    undefined,
    { ...RCA_ENGINE_CONFIG, callerSupport: 0 },
  );
  return verdicts.get('api')!;
}

describe('scoreWithGraph', () => {
  const discount = RCA_ENGINE_CONFIG.propagationDiscount;

  it('discounts a service fully when a dependency moved as much, no later', () => {
    const verdict = scores([moved('api', 6, 60), moved('db', 6, 0)]);
    expect(verdict.explainedBy).toEqual({ service: 'db', hops: 1, share: 1 });
    expect(verdict.score).toBeCloseTo(6 * (1 - discount));
  });

  it('hardly discounts a service for a much weaker move of a dependency', () => {
    // db moved half as much: it explains a quarter of the discount.
    const verdict = scores([moved('api', 6, 0), moved('db', 3, 0)]);
    expect(verdict.explainedBy?.share).toBeCloseTo(0.5);
    expect(verdict.score).toBeCloseTo(6 * (1 - discount * 0.25));
    // A tenth as much: nearly nothing.
    expect(
      scores([moved('api', 6, 0), moved('db', 0.6, 0)]).score,
    ).toBeGreaterThan(6 * 0.99);
  });

  it('does not discount a service for a dependency that moved later', () => {
    const verdict = scores([moved('api', 6, 0), moved('db', 9, 120)]);
    expect(verdict.explainedBy).toBeUndefined();
    expect(verdict.score).toBe(6);
  });
});
