import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { WebClient } from '@slack/web-api';

/** The auth provider id of {@link authModuleCloudopsSlackApprovers}. */
export const SLACK_APPROVER_PROVIDER = 'cloudops-slack';
/** Headers the cloudops plugin sends the provider. */
export const SLACK_USER_HEADER = 'x-cloudops-slack-user';
export const SLACK_EMAIL_HEADER = 'x-cloudops-slack-email';

/** Why a Slack user could not act. */
class UnmappedSlackUserError extends Error {}

/**
 * The Slack member who clicked, as a catalog user, or why they are not one.
 * `actor` is what the audit log records: the user's entity ref, else
 * `slack:<member id>`.
 */
export type SlackMember =
  | {
      actor: string;
      credentials: BackstageCredentials<BackstageUserPrincipal>;
    }
  | { actor: string; refusal: string };

/**
 * Turns the Slack user who clicked a button into Backstage credentials, so
 * the permission policy judges the click exactly as it would judge that
 * user in the portal (by `userEntityRef` and ownership).
 *
 * Backstage issues user tokens only in the auth backend, through sign-in
 * resolvers that look the user up in the catalog. This asks the auth
 * backend's `cloudops-slack` provider (the auth module of this package) to
 * sign the Slack user in: the request carries this plugin's own service
 * token, so the provider signs in only users that the cloudops plugin
 * vouches for after verifying Slack's signature, and it resolves the user
 * by the `slack.com/bot-notify` annotation (or the Slack profile's email,
 * when a bot token can read it). The token it returns is verified like any
 * other with `auth.authenticate`.
 */
export class SlackApprovers {
  constructor(
    private readonly deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      slack?: WebClient;
    },
  ) {}

  /** Signs the Slack member in as their catalog user, or says why not. */
  async signIn(slackUserId: string): Promise<SlackMember> {
    try {
      const credentials = await this.credentialsFor(slackUserId);
      return { actor: credentials.principal.userEntityRef, credentials };
    } catch (error) {
      return {
        actor: `slack:${slackUserId}`,
        refusal:
          error instanceof UnmappedSlackUserError
            ? error.message
            : `could not sign the Slack user in: ${error}`,
      };
    }
  }

  private async credentialsFor(
    slackUserId: string,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    const { auth, discovery } = this.deps;
    let email: string | undefined;
    if (this.deps.slack) {
      const info = await this.deps.slack.users
        .info({ user: slackUserId })
        .catch(() => undefined);
      email = info?.user?.profile?.email;
    }
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'auth',
    });
    const url = `${await discovery.getBaseUrl(
      'auth',
    )}/${SLACK_APPROVER_PROVIDER}/refresh`;
    const response = await fetch(url, {
      headers: {
        authorization: `Bearer ${token}`,
        'x-requested-with': 'XMLHttpRequest',
        [SLACK_USER_HEADER]: slackUserId,
        ...(email ? { [SLACK_EMAIL_HEADER]: email } : {}),
      },
    });
    if (!response.ok) {
      const body = await response.text();
      throw new UnmappedSlackUserError(
        response.status === 404 && body.includes('No auth provider')
          ? `the auth backend has no ${SLACK_APPROVER_PROVIDER} provider (install the Slack module's auth module and configure auth.providers.${SLACK_APPROVER_PROVIDER})`
          : `Slack user ${slackUserId} is not a Backstage user (no catalog User with slack.com/bot-notify: ${slackUserId}${
              email ? ` or email ${email}` : ''
            }): HTTP ${response.status}`,
      );
    }
    const identity = (await response.json()) as {
      backstageIdentity?: { token?: string };
    };
    const userToken = identity.backstageIdentity?.token;
    if (!userToken) {
      throw new UnmappedSlackUserError('the auth backend returned no token');
    }
    const credentials = await auth.authenticate(userToken);
    if (!auth.isPrincipal(credentials, 'user')) {
      throw new UnmappedSlackUserError('the auth backend returned no user');
    }
    return credentials;
  }
}
