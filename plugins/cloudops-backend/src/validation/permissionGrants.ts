import {
  cloudopsPermissions,
  ValidationResult,
  ValidationStatus,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  BasicPermission,
  createPermission,
} from '@backstage/plugin-permission-common';

/** What a policy decided for one permission. */
export type PermissionDecision = 'allow' | 'deny';

/**
 * Decides permissions for one subject: a user (and their groups) through a
 * policy, or the caller of a request through the permission framework.
 */
export type PermissionDecider = (
  permissions: BasicPermission[],
) => Promise<PermissionDecision[]>;

/**
 * A permission no plugin defines: only a policy that allows everything
 * without looking (the allow-all test policy) grants it.
 */
export const UNDEFINED_PERMISSION_PROBE = createPermission({
  name: 'cloudops.validate.undefined-probe',
  attributes: { action: 'delete' },
});

/** The kinds of policy `checkPermissionGrants` tells apart. */
export type PolicyProfile = 'allow-all' | 'read-only' | 'custom' | 'none';

const names = (permissions: BasicPermission[]) =>
  permissions.map(p => p.name).join(', ');

/** Which CloudOps permissions a subject has, and what kind of policy that is. */
export async function permissionGrants(decide: PermissionDecider): Promise<{
  profile: PolicyProfile;
  granted: BasicPermission[];
  denied: BasicPermission[];
}> {
  const decisions = await decide([
    ...cloudopsPermissions,
    UNDEFINED_PERMISSION_PROBE,
  ]);
  const probe = decisions[cloudopsPermissions.length];
  const granted: BasicPermission[] = [];
  const denied: BasicPermission[] = [];
  cloudopsPermissions.forEach((permission, i) => {
    if (decisions[i] === 'deny') denied.push(permission);
    else granted.push(permission);
  });
  const writes = granted.filter(p => p.attributes.action !== 'read');
  let profile: PolicyProfile = 'custom';
  if (probe === 'allow' && denied.length === 0) profile = 'allow-all';
  else if (granted.length === 0) profile = 'none';
  else if (writes.length === 0) profile = 'read-only';
  return { profile, granted, denied };
}

/**
 * What the permission policy grants a subject, as one row: `allow-all` (the
 * test policy: a warning, and a failure in a read-only pilot), `read-only`
 * (only `read` permissions: the pilot policy), `custom`, or `none` (a
 * failure: the CloudOps pages refuse the subject).
 */
export async function checkPermissionGrants(options: {
  decide: PermissionDecider;
  /** Who was checked, e.g. `user:default/jane (group:default/sre)`. */
  subject: string;
  /** `cloudops.readOnly`. */
  readOnlyMode: boolean;
}): Promise<ValidationResult> {
  const { profile, granted, denied } = await permissionGrants(options.decide);
  const total = granted.length + denied.length;
  let status: ValidationStatus;
  let detail: string;
  switch (profile) {
    case 'allow-all':
      status = options.readOnlyMode ? 'fail' : 'warn';
      detail = `allow-all policy: grants every permission, even one no plugin defines, so anyone may approve and run remediations${
        options.readOnlyMode
          ? '; cloudops.readOnly says this is a read-only pilot: install a policy that grants only the read permissions'
          : ': for development only'
      }`;
      break;
    case 'none':
      status = 'fail';
      detail = `grants no CloudOps permission: the CloudOps pages and API refuse ${options.subject}`;
      break;
    case 'read-only':
      status = 'pass';
      detail = `read-only: grants ${granted.length} of ${total} (${names(
        granted,
      )}); denies every change`;
      break;
    default:
      status = 'pass';
      detail = `grants ${granted.length} of ${total} (${names(
        granted,
      )}); denies ${names(denied)}`;
  }
  return { check: 'permissions', target: options.subject, status, detail };
}
