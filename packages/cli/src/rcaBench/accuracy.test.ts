import { accuracyOf, pessimisticRank } from './accuracy';

const ranking = [
  { service: 'a', score: 0.9 },
  { service: 'b', score: 0.5 },
  { service: 'c', score: 0.5 },
  { service: 'd', score: 0.5 },
  { service: 'e', score: 0.1 },
];

describe('pessimisticRank', () => {
  it('places a service tied in score with others at the last of their places', () => {
    expect(pessimisticRank(ranking, 'a')).toBe(1);
    expect(['b', 'c', 'd'].map(s => pessimisticRank(ranking, s))).toEqual([
      4, 4, 4,
    ]);
    expect(pessimisticRank(ranking, 'e')).toBe(5);
    expect(pessimisticRank(ranking, 'absent')).toBe(Infinity);
  });

  it('gives no AC@1 credit when nothing separates the candidates', () => {
    const flat = ['a', 'b', 'c'].map(service => ({ service, score: 0 }));
    const label = { id: 'x', rootCause: 'a', fault: 'cpu', visible: true };
    const accuracy = accuracyOf('all', [
      { label, rank: pessimisticRank(flat, 'a') },
    ]);
    expect(accuracy).toMatchObject({ ac1: 0, ac3: 1 });
  });
});
