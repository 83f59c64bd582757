import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../repository';
import { benchNab } from './benchNab';

const nabDir = join(sharedDir(), 'datasets', 'nab');
const hasNab = existsSync(join(nabDir, 'labels', 'combined_windows_tiny.json'));
if (!hasNab) {
  // eslint-disable-next-line no-console
  console.warn(
    `cloudops bench nab smoke run skipped: no NAB data at ${nabDir}`,
  );
}

jest.setTimeout(60_000);

async function run(options: Parameters<typeof benchNab>[0]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await benchNab(options, {
    out: line => out.push(line),
    err: line => err.push(line),
  });
  return { code, out, err };
}

describe('cloudops bench nab', () => {
  it('says where it looked when there is no NAB data', async () => {
    const { code, err } = await run({ data: '/nonexistent/nab' });
    expect(code).toBe(1);
    expect(err).toEqual([
      'cloudops bench nab: no NAB data at /nonexistent/nab (expected /nonexistent/nab/data); give --data DIR or set CLOUDOPS_SHARED_DIR',
    ]);
  });
});

(hasNab ? describe : describe.skip)('cloudops bench nab on NAB data', () => {
  it('smoke run on the subset: three profiles, realAWSCloudwatch, and a JSON last line', async () => {
    const { code, out } = await run({
      data: nabDir,
      labels: 'labels/combined_windows_tiny.json',
      json: true,
    });
    expect(code).toBe(0);
    expect(out[0]).toMatch(
      /^NAB: 2 files, 12202 points in [\d.]+ s \(detector [\d.]+ s, \d+ points\/s\)$/,
    );
    expect(out.join('\n')).toMatch(/^standard +-?[\d.]+ /m);
    expect(out.join('\n')).toMatch(/^reward_low_FP_rate +-?[\d.]+ /m);
    expect(out.join('\n')).toMatch(/^reward_low_FN_rate +-?[\d.]+ /m);
    expect(out.join('\n')).toMatch(/^realAWSCloudwatch: not in this corpus$/m);
    const last = JSON.parse(out[out.length - 1]);
    expect(Object.keys(last)).toEqual([
      'standard',
      'reward_low_fp',
      'reward_low_fn',
      'seconds',
      'points',
    ]);
    expect(last.points).toBe(12202);
    expect(last.standard).toBeGreaterThan(0);
  });
});
