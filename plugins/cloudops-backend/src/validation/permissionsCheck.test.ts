import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  callerPermissionsCheck,
  installedPolicyCheck,
} from './permissionsCheck';

const signal = new AbortController().signal;

function caller(
  config: object,
  decide: (name: string, action?: string) => boolean,
) {
  return callerPermissionsCheck({
    config: new ConfigReader(config),
    credentials: mockCredentials.user(),
    subject: 'user:default/jane',
    permissions: mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result: decide(r.permission.name, r.permission.attributes.action)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        })) as any,
    }),
  }).run({ signal });
}

describe('permission checks', () => {
  it('fails an allow-all policy in a read-only pilot, warns otherwise', async () => {
    const [strict] = await caller(
      { permission: { enabled: true }, cloudops: { readOnly: true } },
      () => true,
    );
    expect(strict.status).toBe('fail');
    expect(strict.detail).toMatch(/^allow-all policy/);
    const [dev] = await caller({ permission: { enabled: true } }, () => true);
    expect(dev.status).toBe('warn');
  });

  it('fails a policy that grants no CloudOps permission', async () => {
    const [row] = await caller({ permission: { enabled: true } }, () => false);
    expect(row).toMatchObject({ status: 'fail', target: 'user:default/jane' });
    expect(row.detail).toMatch(/grants no CloudOps permission/);
  });

  it('passes a read-only policy and a custom one, saying what they grant', async () => {
    const [readOnly] = await caller(
      { permission: { enabled: true } },
      (_name, action) => action === 'read',
    );
    expect(readOnly.status).toBe('pass');
    expect(readOnly.detail).toMatch(/^read-only: grants/);
    const [custom] = await caller(
      { permission: { enabled: true } },
      name =>
        name !== 'cloudops.remediation.approve' && name.startsWith('cloudops.'),
    );
    expect(custom.status).toBe('pass');
    expect(custom.detail).toMatch(/denies cloudops\.remediation\.approve$/);
  });

  it('fails a read-only pilot with the permission framework off', async () => {
    const [row] = await caller({ cloudops: { readOnly: true } }, () => false);
    expect(row.status).toBe('fail');
    expect(row.detail).toMatch(/permission framework is off/);
  });

  describe('installedPolicyCheck', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cloudops-policy-'));
    });
    afterEach(() => fs.rm(dir, { recursive: true, force: true }));

    const run = async (config: object, dependencies?: object) => {
      await fs.rm(path.join(dir, 'package.json'), { force: true });
      if (dependencies) {
        await fs.writeFile(
          path.join(dir, 'package.json'),
          JSON.stringify({ dependencies }),
        );
      }
      return (
        await installedPolicyCheck({
          config: new ConfigReader(config),
          backendDir: dir,
        }).run({ signal })
      )[0];
    };

    it('fails the allow-all policy module in a read-only pilot', async () => {
      const row = await run(
        { permission: { enabled: true }, cloudops: { readOnly: true } },
        { '@backstage/plugin-permission-backend-module-allow-all-policy': '1' },
      );
      expect(row.status).toBe('fail');
    });

    it('passes a backend without the allow-all module, skips one it cannot read', async () => {
      expect(
        (await run({ permission: { enabled: true } }, { express: '4' })).status,
      ).toBe('pass');
      expect((await run({ permission: { enabled: true } })).status).toBe(
        'skip',
      );
    });
  });
});
