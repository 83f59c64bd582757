import { InputError } from '@backstage/errors';
import { RuleEvaluationState } from './RuleEvaluationState';
import { engineFor, feed, summarize } from './__testUtils__/engine';
import { metric, minutes, rule } from './__testUtils__/signals';

const cpuAbove95For5m = rule(
  { type: 'threshold', op: '>', value: 95, for: '5m' },
  { id: 'cpu-high' },
);

describe('RuleEvaluationState', () => {
  it('lets another engine continue a pending `for` from a snapshot', async () => {
    const first = new RuleEvaluationState();
    await feed(engineFor([cpuAbove95For5m], { state: first }), [
      metric('cpu', 97, 0),
      metric('cpu', 98, 3),
    ]);
    const json = JSON.parse(JSON.stringify(first.snapshot()));
    expect(json).toEqual({
      version: 1,
      series: [
        {
          rule: 'cpu-high',
          fingerprint: 'cpu-series',
          firing: false,
          pendingSince: minutes(0),
          lastSeen: minutes(3),
        },
      ],
    });

    const second = engineFor([cpuAbove95For5m], {
      state: RuleEvaluationState.restore(json),
    });
    expect(
      await feed(second, [metric('cpu', 99, 5), metric('cpu', 99, 6)]),
    ).toEqual([['firing: cpu 99 > 95 for 5m'], []]);
  });

  it('carries the firing flag, rate points and absent-data signals over', async () => {
    const rules = [
      rule({ type: 'threshold', op: '>', value: 1 }, { id: 'above' }),
      rule({ type: 'rate', op: '>', value: 5, per: '1m' }, { id: 'rising' }),
      rule({ type: 'absent', for: '10m' }, { id: 'silent' }),
    ];
    const first = new RuleEvaluationState();
    await feed(engineFor(rules, { state: first }), [metric('m', 10, 0)]);

    const restored = RuleEvaluationState.restore(
      JSON.parse(JSON.stringify(first.snapshot())),
    );
    const second = engineFor(rules, { state: restored });
    expect(await feed(second, [metric('m', 20, 1)])).toEqual([
      ['firing: m change per 1m 10 > 5'],
    ]);
    const fired = await second.tick(minutes(11));
    expect(summarize(fired)).toEqual([
      'firing: no m signal for 10m (last at 2026-01-01T00:01:00.000Z)',
    ]);
    expect(fired[0].signal).toEqual(metric('m', 20, 1));
  });

  it('remembers the latest time a series was seen', () => {
    const state = new RuleEvaluationState();
    state.touch('r', 'fp', 2000);
    expect(state.touch('r', 'fp', 1000).lastSeen).toBe(2000);
    expect(state.touch('r', 'fp', 3000).lastSeen).toBe(3000);
    expect(state.size).toBe(1);
  });

  it('evicts series older than its retention and of unknown rules', () => {
    const state = new RuleEvaluationState({ retentionMs: 1000 });
    state.touch('kept', 'new', 5000);
    state.touch('kept', 'old', 3999);
    state.touch('removed', 'new', 5000);
    state.evict(5000, new Set(['kept']));
    expect(state.snapshot()).toEqual({
      version: 1,
      series: [
        { rule: 'kept', fingerprint: 'new', firing: false, lastSeen: 5000 },
      ],
    });
  });

  it('evicts after 24 hours by default', () => {
    const state = new RuleEvaluationState();
    state.touch('r', 'fp', 0);
    state.evict(24 * 60 * 60 * 1000, new Set(['r']));
    expect(state.size).toBe(1);
    state.evict(24 * 60 * 60 * 1000 + 1, new Set(['r']));
    expect(state.size).toBe(0);
  });

  it('refuses what is not a snapshot', () => {
    expect(() => RuleEvaluationState.restore({ series: [] })).toThrow(
      new InputError(
        'Not a rule evaluation state snapshot (expected version 1 with a series list)',
      ),
    );
    expect(() =>
      RuleEvaluationState.restore({
        version: 1,
        series: [
          { rule: 'r', fingerprint: 'a', firing: false, lastSeen: 1 },
          { rule: 'r', fingerprint: 'b', firing: 'yes', lastSeen: 1 },
        ],
      }),
    ).toThrow(
      new InputError(
        'Rule evaluation state snapshot: series[1] is not a series state',
      ),
    );
  });
});
