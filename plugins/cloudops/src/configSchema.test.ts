/**
 * @jest-environment node
 */
// The loader the app's build uses to pick the configuration it sends to the
// browser.
import { loadConfigSchema } from '@backstage/config-loader';

// The schema is compiled from config.d.ts (seconds).
jest.setTimeout(180_000);

describe('config schema', () => {
  it('sends cloudops.readOnly to the frontend from this package alone', async () => {
    const schema = await loadConfigSchema({
      dependencies: ['@cloudops-ai/backstage-plugin-cloudops'],
      excludePackageDependencies: true,
    });
    const [frontend] = schema.process(
      [
        {
          context: 'app-config.yaml',
          data: { cloudops: { readOnly: true, other: 'kept back' } },
        },
      ],
      { visibility: ['frontend'] },
    );
    expect(frontend.data).toEqual({ cloudops: { readOnly: true } });
  });
});
