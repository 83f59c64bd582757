import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runNab } from './runNab';

const nabDir = join(
  process.env.CLOUDOPS_SHARED_DIR ??
    resolve(__dirname, '../../../../../../shared'),
  'datasets',
  'nab',
);
const hasNab = existsSync(join(nabDir, 'labels', 'combined_windows_tiny.json'));
if (!hasNab) {
  // eslint-disable-next-line no-console
  console.warn(`NAB smoke test skipped: no NAB data at ${nabDir}`);
}

jest.setTimeout(60_000);

(hasNab ? describe : describe.skip)('runNab on the NAB subset', () => {
  let results: string;
  beforeAll(() => {
    results = mkdtempSync(join(tmpdir(), 'nab-results-'));
  });
  afterAll(() => rmSync(results, { recursive: true, force: true }));

  it('streams the files, scores three profiles and writes result files', async () => {
    const report = await runNab({
      dataDir: nabDir,
      labelsFile: 'labels/combined_windows_tiny.json',
      resultsDir: results,
    });
    expect(report.files).toBe(2);
    expect(report.points).toBe(10320 + 1882);
    expect(Object.keys(report.profiles).sort()).toEqual([
      'reward_low_FN_rate',
      'reward_low_FP_rate',
      'standard',
    ]);
    const standard = report.profiles.standard;
    expect(standard.windows).toBe(7);
    expect(standard.score).toBeGreaterThan(0);
    expect(standard.byCategory.realKnownCause.windows).toBe(7);
    const csv = readFileSync(
      join(results, 'cloudops', 'realKnownCause', 'cloudops_nyc_taxi.csv'),
      'utf8',
    ).split('\n');
    expect(csv[0]).toBe('timestamp,value,anomaly_score,label');
    expect(csv[1]).toMatch(/^2014-07-01 00:00:00,10844,0,0$/);
    expect(csv.filter(line => line.endsWith(',1'))).toHaveLength(5 * 207);
  });
});
