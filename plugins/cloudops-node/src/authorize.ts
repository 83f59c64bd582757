import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/** An incoming HTTP request, as the HTTP auth service takes it. */
type HttpRequest = Parameters<HttpAuthService['credentials']>[0];

/**
 * Who made a request, as written to timelines and the audit log.
 *
 * @public
 */
export interface Caller<TRequest = HttpRequest> {
  /** A user entity ref or a service subject. */
  actor: string;
  request: TRequest;
  credentials: BackstageCredentials;
}

/**
 * The actor of credentials, as timelines and the audit log name it: a
 * user's entity ref, or a service's subject.
 *
 * @public
 */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string };
  return principal.type === 'user'
    ? principal.userEntityRef
    : principal.subject;
}

/**
 * Authenticates a request (users and services) and checks one permission;
 * throws `NotAllowedError` when the policy denies it.
 *
 * @public
 */
export type Authorize = <TRequest extends HttpRequest>(
  req: TRequest,
  permission: BasicPermission,
) => Promise<Caller<TRequest>>;

/**
 * Checks one permission for credentials already established (an action
 * invoked through the actions registry); returns the actor. Throws
 * `NotAllowedError` when the policy denies it or no one is signed in.
 *
 * @public
 */
export async function authorizeCredentials(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission,
): Promise<string> {
  const { type } = credentials.principal as { type: string };
  if (type !== 'user' && type !== 'service') {
    throw new NotAllowedError('Only users and services may do this');
  }
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Missing permission ${permission.name}`);
  }
  return actorOf(credentials);
}

/**
 * The check every CloudOps route makes, for the plugin's routes and for
 * modules that add their own.
 *
 * @public
 */
export function createAuthorize(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): Authorize {
  return async (req, permission) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const actor = await authorizeCredentials(
      options.permissions,
      credentials,
      permission,
    );
    return { actor, request: req, credentials };
  };
}
