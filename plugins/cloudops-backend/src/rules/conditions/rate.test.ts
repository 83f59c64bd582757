import { engineFor, feed } from '../__testUtils__/engine';
import { metric, rule } from '../__testUtils__/signals';

describe('rate condition', () => {
  it('scales the change between consecutive points to `per`, however they are spaced', async () => {
    const engine = engineFor([
      rule({ type: 'rate', op: '>', value: 50, per: '1m' }),
    ]);
    expect(
      await feed(engine, [
        metric('errors', 100, 0),
        metric('errors', 180, 2),
        metric('errors', 220, 2.5),
        metric('errors', 230, 5),
      ]),
    ).toEqual([
      [],
      [],
      ['firing: errors change per 1m 80 > 50'],
      ['resolved: errors change per 1m 4 is not > 50'],
    ]);
  });

  it('scales to other units', async () => {
    const engine = engineFor([
      rule({ type: 'rate', op: '>=', value: 3600, per: '1h' }),
    ]);
    expect(
      await feed(engine, [metric('bytes', 0, 0), metric('bytes', 60, 1)]),
    ).toEqual([[], ['firing: bytes change per 1h 3600 >= 3600']]);
  });

  it('detects drops with `<`', async () => {
    const engine = engineFor([
      rule({ type: 'rate', op: '<', value: -10, per: '1m' }),
    ]);
    expect(
      await feed(engine, [
        metric('orders', 500, 0),
        metric('orders', 470, 1),
        metric('orders', 465, 2),
      ]),
    ).toEqual([
      [],
      ['firing: orders change per 1m -30 < -10'],
      ['resolved: orders change per 1m -5 is not < -10'],
    ]);
  });

  it('waits `for` with the rate above the value', async () => {
    const engine = engineFor([
      rule({ type: 'rate', op: '>', value: 5, per: '1m', for: '2m' }),
    ]);
    expect(
      await feed(engine, [
        metric('m', 0, 0),
        metric('m', 10, 1),
        metric('m', 20, 2),
        metric('m', 30, 3),
      ]),
    ).toEqual([[], [], [], ['firing: m change per 1m 10 > 5 for 2m']]);
  });

  it('ignores points that are not later than the previous one', async () => {
    const engine = engineFor([
      rule({ type: 'rate', op: '>', value: 50, per: '1m' }),
    ]);
    expect(
      await feed(engine, [
        metric('m', 0, 2),
        metric('m', 1000, 1),
        metric('m', 1000, 2),
        metric('m', 10, 3),
      ]),
    ).toEqual([[], [], [], []]);
  });

  it('skips non-finite values without losing the previous point', async () => {
    const engine = engineFor([
      rule({ type: 'rate', op: '!=', value: 0, per: '1m' }),
    ]);
    expect(
      await feed(engine, [
        metric('m', 0, 0),
        metric('m', NaN, 1),
        metric('m', Infinity, 2),
        metric('m', 0, 3),
        metric('m', 6, 4),
      ]),
    ).toEqual([[], [], [], [], ['firing: m change per 1m 6 != 0']]);
  });
});
