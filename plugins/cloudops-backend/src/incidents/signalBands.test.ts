import { Rule, Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { signalBands } from './signalBands';

const start = Date.UTC(2026, 10, 22, 10, 0);
const fault = new Date(start + 20 * 60_000);

/** A point a minute of one series. */
function series(
  fingerprint: string,
  values: number[],
  extra: Partial<Signal> = {},
): Signal[] {
  return values.map((value, i) => ({
    source: 'prometheus',
    kind: 'metric',
    name: 'container_cpu_usage_percent',
    timestamp: new Date(start + i * 60_000).toISOString(),
    value,
    labels: { app: 'checkout' },
    fingerprint,
    ...extra,
  }));
}

const cpuRule: Rule = {
  id: 'k8s-cpu-critical',
  match: { kind: 'metric', name: 'container_cpu_usage_percent' },
  condition: { type: 'threshold', op: '>', value: 95, for: '5m' },
  severity: 'critical',
};

describe('signalBands', () => {
  it("gives each series the RCA's baseline band from before the fault and the rule's level", () => {
    // 20 minutes around 40 (38..42), then a climb to 97.
    const before = Array.from({ length: 20 }, (_, i) => 40 + ((i % 5) - 2));
    const values = [...before, 60, 97, 98, 99];
    const { faultTime, series: bands } = signalBands(
      series('cpu', values),
      fault,
      [cpuRule],
    );
    expect(faultTime).toBe(fault.toISOString());
    expect(bands).toHaveLength(1);
    const [band] = bands;
    expect(band.fingerprint).toBe('cpu');
    expect(band.baseline).toMatchObject({ median: 40, points: 20 });
    // The band holds every baseline point and none of the climb.
    expect(band.baseline!.lower).toBeLessThan(38);
    expect(band.baseline!.upper).toBeGreaterThan(42);
    expect(band.baseline!.upper).toBeLessThan(60);
    expect(band.threshold).toEqual({
      ruleId: 'k8s-cpu-critical',
      condition: 'threshold',
      op: '>',
      value: 95,
    });
  });

  it('has no band without enough points before the fault, and no level from a rule that does not compare values or match', () => {
    const late = series('late', [50, 60, 70]).map((s, i) => ({
      ...s,
      timestamp: new Date(fault.getTime() - 60_000 + i * 60_000).toISOString(),
    }));
    const other = series('mem', [10, 10, 10, 10, 50], {
      name: 'container_memory_working_set_percent',
    });
    const rules: Rule[] = [
      {
        ...cpuRule,
        id: 'absent',
        condition: { type: 'absent', for: '5m' },
      },
      {
        ...cpuRule,
        id: 'anomaly',
        match: { name: 'container_memory_working_set_percent' },
        condition: {
          type: 'anomaly',
          score: 0.999,
          fallback: { op: '>=', value: 85 },
        },
      },
    ];
    const { series: bands } = signalBands(
      [
        ...late,
        ...other.map(s => ({
          ...s,
          timestamp: new Date(
            fault.getTime() - 4 * 60_000 + (Date.parse(s.timestamp) - start),
          ).toISOString(),
        })),
      ],
      fault,
      rules,
    );
    const byFingerprint = new Map(bands.map(b => [b.fingerprint, b]));
    expect(byFingerprint.get('late')).toEqual({ fingerprint: 'late' });
    expect(byFingerprint.get('mem')).toMatchObject({
      baseline: { median: 10, points: 4 },
      threshold: {
        ruleId: 'anomaly',
        condition: 'anomaly',
        op: '>=',
        value: 85,
      },
    });
  });

  it('leaves out alerts and events (no values)', () => {
    const { series: bands } = signalBands(
      [
        {
          source: 'cloudwatch',
          kind: 'alert',
          name: 'orders-db-cpu',
          status: 'firing',
          timestamp: fault.toISOString(),
          labels: {},
          fingerprint: 'alarm',
        },
      ],
      fault,
      [cpuRule],
    );
    expect(bands).toEqual([]);
  });
});
