import { runPredictiveCheck } from './predictiveCheck';

describe('runPredictiveCheck', () => {
  it('forecasts most breaches in time and few on stationary series', async () => {
    const report = await runPredictiveCheck({ series: 20, seed: 7 });
    expect(report.trending.series).toBe(20);
    expect(report.stationary.series).toBe(20);
    expect(report.trending.rate).toBeGreaterThanOrEqual(0.75);
    expect(report.stationary.rate).toBeLessThanOrEqual(0.1);
    expect(report.points).toBeGreaterThan(20 * 864);
  });
});
