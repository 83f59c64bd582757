import { ConfigReader } from '@backstage/config';
import { configSchemaCheck } from './configSchemaCheck';

// The schemas are compiled from the packages' config.d.ts (seconds).
jest.setTimeout(180_000);

const signal = new AbortController().signal;

describe('configSchemaCheck', () => {
  it('passes configuration that fits the schemas', async () => {
    const [row] = await configSchemaCheck({
      config: new ConfigReader({
        cloudops: { readOnly: true, rules: { files: ['rules.yaml'] } },
      }),
    }).run({ signal });
    expect(row.status).toBe('pass');
  });

  it('fails configuration that does not, naming each key', async () => {
    const [row] = await configSchemaCheck({
      config: new ConfigReader({
        cloudops: {
          readOnly: 'yes',
          prometheus: { clusters: [{ environment: 'production' }] },
        },
      }),
    }).run({ signal });
    expect(row.status).toBe('fail');
    expect(row.detail).toContain('at /cloudops/readOnly');
    expect(row.detail).toMatch(
      /must have required property 'name' .* at \/cloudops\/prometheus\/clusters\/0/,
    );
  });

  it('fails settings that fit the schemas but not each other', async () => {
    const [row] = await configSchemaCheck({
      config: new ConfigReader({
        cloudops: { signals: { rollupRetention: '30m' } },
      }),
    }).run({ signal });
    expect(row).toMatchObject({
      status: 'fail',
      detail:
        'cloudops.signals.rollupRetention (30 min) is shorter than cloudops.rca.lookback (60 min), which the root-cause analysis reads back; keep it at least as long',
    });
  });
});
