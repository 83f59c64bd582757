import { SeededRandom } from '../../random/SeededRandom';
import { averagePathLength, IsolationForest } from './IsolationForest';

function cluster(count: number, random: SeededRandom): number[][] {
  return Array.from({ length: count }, () => [
    random.gaussian(),
    random.gaussian(),
    random.gaussian(),
  ]);
}

describe('IsolationForest', () => {
  it('normalises with the average path length c(n)', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // 2(ln 255 + γ) − 2·255/256
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 3);
  });

  it('scores an isolated point higher than the cluster it stands apart from', () => {
    const rows = cluster(300, SeededRandom.fromSeed(1));
    const forest = IsolationForest.train(rows, {
      random: SeededRandom.fromSeed(2),
    });
    const inliers = rows.slice(0, 50).map(row => forest.score(row));
    const typical = inliers.reduce((a, b) => a + b, 0) / inliers.length;
    expect(typical).toBeLessThan(0.5);
    expect(forest.score([6, -6, 6])).toBeGreaterThan(0.7);
    expect(forest.score([6, -6, 6])).toBeGreaterThan(Math.max(...inliers));
  });

  it('is reproducible from its seed', () => {
    const rows = cluster(100, SeededRandom.fromSeed(3));
    const train = () =>
      IsolationForest.train(rows, {
        trees: 20,
        random: SeededRandom.fromSeed(9),
      });
    expect(train().score([1, 2, 3])).toBe(train().score([1, 2, 3]));
  });

  it('copes with constant features and tiny samples', () => {
    const constant = Array.from({ length: 40 }, () => [1, 1]);
    const forest = IsolationForest.train(constant, {
      random: SeededRandom.fromSeed(4),
    });
    expect(Number.isFinite(forest.score([1, 1]))).toBe(true);
    expect(forest.score([5, 1])).toBe(forest.score([1, 1]));
    const one = IsolationForest.train([[1, 2]], {
      random: SeededRandom.fromSeed(5),
    });
    expect(one.score([3, 4])).toBe(0.5);
  });
});
