import {
  canTransition,
  ENGINE_ONLY_STATES,
  OPPORTUNITY_STATES,
  OPPORTUNITY_TRANSITIONS,
} from './ledger';

describe('the savings ledger transitions', () => {
  it('follow the main path detected → pr_opened → approved → merged → validated → realized', () => {
    const path = [
      'detected',
      'pr_opened',
      'approved',
      'merged',
      'validated',
      'realized',
    ] as const;
    for (let i = 1; i < path.length; i++) {
      expect([
        path[i - 1],
        path[i],
        canTransition(path[i - 1], path[i]),
      ]).toEqual([path[i - 1], path[i], true]);
    }
  });

  it('refuse skipping steps, going back from a change, and leaving realized', () => {
    expect(canTransition('detected', 'merged')).toBe(false);
    expect(canTransition('detected', 'validated')).toBe(false);
    expect(canTransition('pr_opened', 'merged')).toBe(false);
    expect(canTransition('merged', 'detected')).toBe(false);
    expect(canTransition('merged', 'approved')).toBe(false);
    expect(canTransition('expired', 'pr_opened')).toBe(false);
    for (const to of OPPORTUNITY_STATES) {
      expect(canTransition('realized', to)).toBe(false);
      expect(canTransition(to, to)).toBe(false);
    }
  });

  it('allow rejecting, snoozing and waking, expiring and finding again', () => {
    expect(canTransition('detected', 'rejected')).toBe(true);
    expect(canTransition('approved', 'rejected')).toBe(true);
    expect(canTransition('detected', 'snoozed')).toBe(true);
    expect(canTransition('snoozed', 'detected')).toBe(true);
    expect(canTransition('detected', 'expired')).toBe(true);
    expect(canTransition('expired', 'detected')).toBe(true);
    expect(canTransition('rejected', 'detected')).toBe(true);
  });

  it('name only known states, and every engine-only state is reachable', () => {
    for (const [from, targets] of Object.entries(OPPORTUNITY_TRANSITIONS)) {
      expect(OPPORTUNITY_STATES).toContain(from);
      targets.forEach(to => expect(OPPORTUNITY_STATES).toContain(to));
    }
    for (const state of ENGINE_ONLY_STATES) {
      expect(
        Object.values(OPPORTUNITY_TRANSITIONS).some(t => t.includes(state)),
      ).toBe(true);
    }
  });
});
