import { AddressInfo } from 'node:net';
import { startDemoBackend } from './__testUtils__/demoBackend';
import { apiClient } from './__testUtils__/playScenario';

jest.setTimeout(120_000);

/** Whether the demo module answers in a backend started with this config. */
async function demoAnswers(cloudops: Record<string, unknown>) {
  const { backend, server } = await startDemoBackend({ cloudops });
  try {
    const api = apiClient(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    );
    return (await api.get('/demo', { allow404: true })) !== undefined;
  } finally {
    await backend.stop();
  }
}

describe('cloudopsModuleDemo', () => {
  it('stays off when a real source is configured, unless asked', async () => {
    const aws = { aws: { regions: ['us-east-1'] } };
    expect(await demoAnswers(aws)).toBe(false);
    expect(
      await demoAnswers({
        ...aws,
        demo: { enabled: true, chaos: { enabled: false } },
      }),
    ).toBe(true);
  });

  it('is off with one config line', async () => {
    expect(await demoAnswers({ demo: { enabled: false } })).toBe(false);
  });
});
