import { ComparisonOperator } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { engineFor, feed } from '../__testUtils__/engine';
import { metric, rule } from '../__testUtils__/signals';

const cpuAbove95For5m = rule(
  { type: 'threshold', op: '>', value: 95, for: '5m' },
  { match: { name: 'cpu' } },
);

describe('threshold condition', () => {
  it('fires once the value has stayed above the threshold for `for`, once', async () => {
    const engine = engineFor([cpuAbove95For5m]);
    expect(
      await feed(engine, [
        metric('cpu', 97, 0),
        metric('cpu', 98, 3),
        metric('cpu', 99, 5),
        metric('cpu', 99.5, 6),
      ]),
    ).toEqual([[], [], ['firing: cpu 99 > 95 for 5m'], []]);
  });

  it('does not fire before `for` has elapsed', async () => {
    const engine = engineFor([cpuAbove95For5m]);
    expect(
      await feed(engine, [
        metric('cpu', 97, 0),
        metric('cpu', 97, 2),
        metric('cpu', 97, 4.99),
      ]),
    ).toEqual([[], [], []]);
  });

  it('resolves once when a firing series stops meeting the threshold', async () => {
    const engine = engineFor([cpuAbove95For5m]);
    expect(
      await feed(engine, [
        metric('cpu', 97, 0),
        metric('cpu', 97, 5),
        metric('cpu', 40, 6),
        metric('cpu', 30, 7),
      ]),
    ).toEqual([
      [],
      ['firing: cpu 97 > 95 for 5m'],
      ['resolved: cpu 40 is not > 95'],
      [],
    ]);
  });

  it('starts the wait over when the value dips while pending (flapping)', async () => {
    const engine = engineFor([cpuAbove95For5m]);
    expect(
      await feed(engine, [
        metric('cpu', 97, 0),
        metric('cpu', 90, 3),
        metric('cpu', 97, 4),
        metric('cpu', 97, 8),
        metric('cpu', 97, 9),
      ]),
    ).toEqual([[], [], [], [], ['firing: cpu 97 > 95 for 5m']]);
  });

  it('fires on the first point without `for`', async () => {
    const engine = engineFor([
      rule({ type: 'threshold', op: '>=', value: 80 }),
    ]);
    expect(await feed(engine, [metric('cpu', 80, 0)])).toEqual([
      ['firing: cpu 80 >= 80'],
    ]);
  });

  it.each<[ComparisonOperator, number, boolean]>([
    ['>', 11, true],
    ['>', 10, false],
    ['>=', 10, true],
    ['>=', 9, false],
    ['<', 9, true],
    ['<', 10, false],
    ['<=', 10, true],
    ['<=', 11, false],
    ['==', 10, true],
    ['==', 10.5, false],
    ['!=', 3, true],
    ['!=', 10, false],
  ])('with %s 10, value %d fires: %s', async (op, value, fires) => {
    const engine = engineFor([rule({ type: 'threshold', op, value: 10 })]);
    const [evaluations] = await feed(engine, [metric('m', value, 0)]);
    expect(evaluations).toEqual(fires ? [`firing: m ${value} ${op} 10`] : []);
  });

  it('resolves below-threshold rules (`<`) when the value recovers', async () => {
    const engine = engineFor([
      rule({ type: 'threshold', op: '<', value: 5, for: '1m' }),
    ]);
    expect(
      await feed(engine, [
        metric('free_disk', 4, 0),
        metric('free_disk', 3, 1),
        metric('free_disk', 6, 2),
      ]),
    ).toEqual([
      [],
      ['firing: free_disk 3 < 5 for 1m'],
      ['resolved: free_disk 6 is not < 5'],
    ]);
  });

  it('never fires on NaN, infinite or missing values, and they do not break a pending wait', async () => {
    const engine = engineFor([
      rule({ type: 'threshold', op: '!=', value: 0, for: '2m' }),
    ]);
    expect(
      await feed(engine, [
        metric('m', NaN, 0),
        metric('m', Infinity, 1),
        metric('m', -Infinity, 2),
        metric('m', undefined, 3),
        metric('m', 1, 4),
        metric('m', NaN, 5),
        metric('m', 1, 6),
      ]),
    ).toEqual([[], [], [], [], [], [], ['firing: m 1 != 0 for 2m']]);
  });

  it('keeps series apart by fingerprint', async () => {
    const engine = engineFor([rule({ type: 'threshold', op: '>', value: 1 })]);
    expect(
      await feed(engine, [
        metric('m', 2, 0, { fingerprint: 'a' }),
        metric('m', 2, 0, { fingerprint: 'b' }),
        metric('m', 2, 1, { fingerprint: 'a' }),
      ]),
    ).toEqual([['firing: m 2 > 1'], ['firing: m 2 > 1'], []]);
  });
});
