import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested in the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import { cloudopsModuleSlack } from './module';

jest.setTimeout(60_000);

describe('cloudopsModuleSlack', () => {
  async function startWith(slack: Record<string, unknown>) {
    const logger = mockServices.logger.mock();
    const backend = await startTestBackend({
      features: [
        cloudopsPlugin,
        cloudopsModuleSlack,
        catalogServiceMock.factory({ entities: [] }),
        logger.factory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://portal.test' },
            cloudops: {
              rules: { watch: false, inline: [] },
              slack: {
                webhookUrl: 'http://127.0.0.1:9/hook',
                signingSecret: 'secret',
                ...slack,
              },
            },
          },
        }),
      ],
    });
    await backend.stop();
    return logger.warn.mock.calls.map(([message]) => message);
  }

  it('warns at start-up that clicks are taken from any workspace when cloudops.slack.teamIds is not set', async () => {
    const warning = expect.stringMatching(/^cloudops.slack.teamIds is not set/);
    expect(await startWith({})).toContainEqual(warning);
    expect(await startWith({ teamIds: ['T0'] })).not.toContainEqual(warning);
  });
});
