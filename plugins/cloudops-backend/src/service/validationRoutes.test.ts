import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { ValidationReport } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { cloudopsValidationExtensionPoint } from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { cloudopsPlugin } from '../plugin';

// The configuration check compiles the packages' config.d.ts (seconds).
jest.setTimeout(180_000);

describe('GET /validate', () => {
  it('runs the core checks, the checks modules added and the caller permission check', async () => {
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            cloudops: {
              readOnly: true,
              rules: {
                watch: false,
                inline: [
                  {
                    id: 'cpu',
                    match: { kind: 'metric', name: 'cpu' },
                    condition: { type: 'threshold', op: '>', value: 90 },
                    severity: 'critical',
                  },
                ],
              },
            },
          },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        createBackendModule({
          pluginId: 'cloudops',
          moduleId: 'test-check',
          register(env) {
            env.registerInit({
              deps: { validation: cloudopsValidationExtensionPoint },
              async init({ validation }) {
                validation.addCheck({
                  id: 'test-source',
                  run: async () => [
                    {
                      check: 'test-source',
                      target: 'https://unreachable.example',
                      status: 'fail',
                      detail: 'is unreachable',
                    },
                  ],
                });
              },
            });
          },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/cloudops/validate')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const report = res.body as ValidationReport;
    expect(report.ok).toBe(false);
    const rows = Object.fromEntries(
      report.results.map(r => [`${r.check} ${r.target}`, r]),
    );
    expect(rows['config cloudops.* against config.d.ts'].status).toBe('pass');
    expect(rows['rules cloudops.rules.inline']).toMatchObject({
      status: 'pass',
      detail: '1 rule',
    });
    expect(rows['database SQLite :memory:'].status).toBe('warn');
    expect(rows['database migrations'].status).toBe('pass');
    expect(rows['test-source https://unreachable.example'].status).toBe('fail');
    // The mock policy allows everything, even an undefined permission: in a
    // read-only pilot that fails.
    expect(
      rows[`permissions ${mockCredentials.user().principal.userEntityRef}`],
    ).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('allow-all policy'),
    });
  });

  it('reports what a read-only policy grants the caller', async () => {
    const readOnlyPolicy = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            'permission' in r && r.permission.attributes.action === 'read'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })) as PolicyDecision[] as any,
    });
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            cloudops: { readOnly: true, rules: { watch: false } },
          },
        }),
        readOnlyPolicy.factory,
      ],
    });
    const res = await request(server)
      .get('/api/cloudops/validate')
      .set('Authorization', mockCredentials.user.header())
      .expect(200);
    const permissions = (res.body as ValidationReport).results.find(
      r => r.check === 'permissions',
    );
    expect(permissions).toMatchObject({ status: 'pass' });
    expect(permissions!.detail).toMatch(
      /^read-only: grants \d+ of \d+ \(cloudops\.incident\.read, .*cloudops\.setup\.read\); denies every change$/,
    );
  });
});
