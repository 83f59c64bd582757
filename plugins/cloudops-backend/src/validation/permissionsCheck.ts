import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ValidationResult } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsValidationCheck } from '@cloudops-ai/backstage-plugin-cloudops-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkPermissionGrants } from './permissionGrants';

const ALLOW_ALL_MODULE =
  '@backstage/plugin-permission-backend-module-allow-all-policy';

function readOnlyMode(config: Config): boolean {
  return config.getOptionalBoolean('cloudops.readOnly') ?? false;
}

/** The row for a backend whose permission framework is off. */
function frameworkOff(config: Config, target: string): ValidationResult {
  const readOnly = readOnlyMode(config);
  return {
    check: 'permissions',
    target,
    status: readOnly ? 'fail' : 'warn',
    detail: `the permission framework is off (permission.enabled is not true): every signed-in user may do everything, approve and run remediations included${
      readOnly ? '; cloudops.readOnly says this is a read-only pilot' : ''
    }`,
  };
}

/**
 * What the running backend's permission policy grants the caller, asked of
 * the policy itself for every CloudOps permission (and for one no plugin
 * defines, which only an allow-all policy grants).
 */
export function callerPermissionsCheck(options: {
  config: Config;
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  /** Who the caller is, e.g. `user:default/jane`. */
  subject: string;
}): CloudopsValidationCheck {
  const { config, permissions, credentials, subject } = options;
  return {
    id: 'permissions',
    async run() {
      if (!config.getOptionalBoolean('permission.enabled')) {
        return [frameworkOff(config, subject)];
      }
      return [
        await checkPermissionGrants({
          subject,
          readOnlyMode: readOnlyMode(config),
          decide: async list => {
            const decisions = await permissions.authorize(
              list.map(permission => ({ permission })),
              { credentials },
            );
            return decisions.map(d =>
              d.result === AuthorizeResult.ALLOW ? 'allow' : 'deny',
            );
          },
        }),
      ];
    },
  };
}

/**
 * The permission set-up as far as it is visible without running the
 * backend: whether the framework is on, and whether the backend package
 * (`backendDir`, e.g. `packages/backend`) installs the allow-all policy.
 * What a custom policy grants is only known to the running backend: the
 * portal's set-up health view asks it.
 */
export function installedPolicyCheck(options: {
  config: Config;
  backendDir: string;
}): CloudopsValidationCheck {
  const { config, backendDir } = options;
  return {
    id: 'permissions',
    async run() {
      const manifest = path.join(backendDir, 'package.json');
      if (!config.getOptionalBoolean('permission.enabled')) {
        return [frameworkOff(config, 'permission.enabled')];
      }
      let dependencies: Record<string, string>;
      try {
        dependencies =
          JSON.parse(await fs.readFile(manifest, 'utf8')).dependencies ?? {};
      } catch (error) {
        return [
          {
            check: 'permissions',
            target: manifest,
            status: 'skip',
            detail: `cannot read the backend package (${
              (error as Error).message
            }): which policy it installs is unknown; see the portal's set-up health view`,
          },
        ];
      }
      if (ALLOW_ALL_MODULE in dependencies) {
        const readOnly = readOnlyMode(config);
        return [
          {
            check: 'permissions',
            target: manifest,
            status: readOnly ? 'fail' : 'warn',
            detail: `the backend installs the allow-all policy (${ALLOW_ALL_MODULE}): anyone may approve and run remediations${
              readOnly
                ? '; cloudops.readOnly says this is a read-only pilot: install a policy that grants only the read permissions'
                : ': for development only'
            }`,
          },
        ];
      }
      return [
        {
          check: 'permissions',
          target: manifest,
          status: 'pass',
          detail:
            'the framework is on and the allow-all policy is not installed; what the policy grants each user is shown by the portal set-up health view (GET /api/cloudops/validate)',
        },
      ];
    },
  };
}
