import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModuleCloudopsSlackApprovers } from './authModule';

jest.setTimeout(60_000);

const users = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'ana.silva',
      namespace: 'default',
      annotations: { 'slack.com/bot-notify': 'U0ANA' },
    },
    spec: {
      profile: { email: 'ana.silva@acme.example' },
      memberOf: ['team-checkout'],
    },
    relations: [{ type: 'memberOf', targetRef: 'group:default/team-checkout' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'chen.li', namespace: 'default' },
    spec: {
      profile: { email: 'chen.li@acme.example' },
      memberOf: ['team-fulfilment'],
    },
    relations: [
      { type: 'memberOf', targetRef: 'group:default/team-fulfilment' },
    ],
  },
];

describe('the auth backend’s cloudops-slack provider', () => {
  async function start(options: { signInByEmail?: boolean } = {}) {
    const { server } = await startTestBackend({
      features: [
        authPlugin,
        authModuleCloudopsSlackApprovers,
        catalogServiceMock.factory({ entities: users }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: { providers: { 'cloudops-slack': {} } },
            cloudops: { slack: { signInByEmail: options.signInByEmail } },
          },
        }),
      ],
    });
    return server;
  }

  const asPlugin = (pluginId: string) =>
    mockCredentials.service.header({
      onBehalfOf: mockCredentials.service(`plugin:${pluginId}`),
      targetPluginId: 'auth',
    });

  it('signs the catalog user of a Slack member in for the cloudops plugin, by annotation or (with signInByEmail) by email', async () => {
    const server = await start({ signInByEmail: true });
    const byAnnotation = await request(server)
      .get('/api/auth/cloudops-slack/refresh')
      .set('authorization', asPlugin('cloudops'))
      .set('x-cloudops-slack-user', 'U0ANA');
    expect(byAnnotation.status).toBe(200);
    const { identity } = byAnnotation.body.backstageIdentity;
    expect(identity.userEntityRef).toBe('user:default/ana.silva');
    // What the permission policy sees: the user and the teams they belong to.
    expect(identity.ownershipEntityRefs.sort()).toEqual([
      'group:default/team-checkout',
      'user:default/ana.silva',
    ]);
    expect(byAnnotation.body.backstageIdentity.token).toEqual(
      expect.any(String),
    );

    const byEmail = await request(server)
      .get('/api/auth/cloudops-slack/refresh')
      .set('authorization', asPlugin('cloudops'))
      .set('x-cloudops-slack-user', 'U0CHEN')
      .set('x-cloudops-slack-email', 'chen.li@acme.example');
    expect(byEmail.body.backstageIdentity?.identity.userEntityRef).toBe(
      'user:default/chen.li',
    );
  });

  it('signs in by annotation only unless cloudops.slack.signInByEmail is on', async () => {
    const server = await start();
    const byEmail = await request(server)
      .get('/api/auth/cloudops-slack/refresh')
      .set('authorization', asPlugin('cloudops'))
      .set('x-cloudops-slack-user', 'U0CHEN')
      .set('x-cloudops-slack-email', 'chen.li@acme.example');
    expect(byEmail.status).toBe(404);
    expect(byEmail.body.error.name).toBe('NotFoundError');
  });

  it('refuses other callers and members with no catalog user', async () => {
    const server = await start();
    const other = await request(server)
      .get('/api/auth/cloudops-slack/refresh')
      .set('authorization', asPlugin('catalog'))
      .set('x-cloudops-slack-user', 'U0ANA');
    expect(other.status).toBe(401);
    const anonymous = await request(server)
      .get('/api/auth/cloudops-slack/refresh')
      .set('x-cloudops-slack-user', 'U0ANA');
    expect(anonymous.status).toBe(401);
    const stranger = await request(server)
      .get('/api/auth/cloudops-slack/refresh')
      .set('authorization', asPlugin('cloudops'))
      .set('x-cloudops-slack-user', 'U0NOBODY');
    // What SlackApprovers reads as "not a Backstage user".
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.name).toBe('NotFoundError');
  });
});
