import { assessRisk, countDependents } from './assessRisk';

describe('assessRisk', () => {
  it('is low for a resize of a lone development service without incidents', () => {
    const risk = assessRisk({
      action: 'resize',
      environment: 'development',
      dependents: 0,
      incidents: [],
    });
    expect(risk).toMatchObject({
      level: 'low',
      score: 10,
      environment: 'development',
    });
    expect(risk.factors).toContain('Nothing in the catalog depends on it.');
  });

  it('grows with fan-in, incidents, production and disruptive changes', () => {
    const base = {
      action: 'resize',
      environment: 'production',
      dependents: 0,
      incidents: [],
    };
    const scores = [
      assessRisk(base).score,
      assessRisk({ ...base, dependents: 3 }).score,
      assessRisk({
        ...base,
        dependents: 3,
        incidents: [{ severity: 'high' as const }],
      }).score,
      assessRisk({
        ...base,
        dependents: 3,
        incidents: [{ severity: 'high' as const }],
        action: 'delete',
      }).score,
    ];
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(new Set(scores).size).toBe(4);
    const worst = assessRisk({
      action: 'delete',
      environment: 'production',
      dependents: 40,
      incidents: [{ severity: 'critical' }, { severity: 'critical' }],
    });
    expect(worst).toMatchObject({
      level: 'high',
      blastRadius: { score: 1 },
      sloImpact: { score: 1, incidents: 2 },
    });
    expect(worst.score).toBe(99);
  });

  it('treats an unknown environment as production', () => {
    const unknown = assessRisk({
      action: 'stop',
      dependents: 1,
      incidents: [],
    });
    const production = assessRisk({
      action: 'stop',
      environment: 'Production',
      dependents: 1,
      incidents: [],
    });
    expect(unknown.score).toBe(production.score);
    expect(unknown.factors.join(' ')).toMatch(/treated as production/);
  });
});

describe('countDependents', () => {
  it('counts direct and indirect dependents once, through cycles', () => {
    const edges: Record<string, string[]> = {
      db: ['api', 'worker'],
      api: ['web', 'worker'],
      web: ['db'],
    };
    expect(countDependents('db', ref => edges[ref] ?? [])).toBe(3);
    expect(countDependents('web', ref => edges[ref] ?? [])).toBe(3);
    expect(countDependents('lonely', () => [])).toBe(0);
  });
});
