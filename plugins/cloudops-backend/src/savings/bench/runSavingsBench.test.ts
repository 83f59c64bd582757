import { runSavingsBench } from './runSavingsBench';

jest.setTimeout(120_000);

describe('runSavingsBench', () => {
  it('scores a small synthetic fleet through the detectors and the pipeline', async () => {
    const report = await runSavingsBench({ seed: 7, scale: 0.2 });
    expect(report.resources).toBe(430);
    expect(report.accuracy.map(a => a.kind)).toHaveLength(10);
    expect(report.burstyFlaggedIdle).toBe(0);
    for (const a of report.accuracy) {
      expect([a.kind, a.truePositives + a.falseNegatives > 0]).toEqual([
        a.kind,
        true,
      ]);
      expect(a.precision).toBeGreaterThan(0.8);
      expect(a.recall).toBeGreaterThan(0.8);
    }
    expect(report.opportunities).toBe(
      report.accuracy.reduce(
        (s, a) => s + a.truePositives + a.falsePositives,
        0,
      ),
    );
    expect(report.monthlySavings).toBeGreaterThan(0);
  });
});
