import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { WebClient } from '@slack/web-api';
import { SlackClicker, teamRefusal } from './slackClicker';

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
 * by the `slack.com/bot-notify` annotation (or, with `signInByEmail`, the
 * Slack profile's confirmed email of a full member). The token it returns
 * is verified like any other with `auth.authenticate`. With `teamIds`, only
 * members clicking in those workspaces are signed in.
 */
export class SlackApprovers {
  constructor(
    private readonly deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
      slack?: WebClient;
      /** The workspaces and organisations whose members may click; unset: any. */
      teamIds?: readonly string[];
      /** Whether to sign members in by their Slack email (see config.d.ts). */
      signInByEmail?: boolean;
    },
  ) {}

  /** Signs the Slack member in as their catalog user, or says why not. */
  async signIn(clicker: SlackClicker): Promise<SlackMember> {
    const actor = `slack:${clicker.userId}`;
    const outsider =
      this.deps.teamIds && teamRefusal(clicker, this.deps.teamIds);
    if (outsider) return { actor, refusal: outsider };
    try {
      const credentials = await this.credentialsFor(clicker.userId);
      return { actor: credentials.principal.userEntityRef, credentials };
    } catch (error) {
      return {
        actor,
        refusal:
          error instanceof UnmappedSlackUserError
            ? error.message
            : `could not sign Slack user ${clicker.userId} in: ${
                error instanceof Error ? error.message : error
              }`,
      };
    }
  }

  /**
   * The member's Slack email when it may stand for them — a confirmed email
   * of a full member (not a guest, a bot, a deactivated account or a member
   * of another organisation) — else why not.
   */
  private async emailOf(
    slackUserId: string,
  ): Promise<{ email: string } | { unused: string }> {
    if (!this.deps.slack) return { unused: 'no bot token to read it' };
    let user;
    try {
      user = (await this.deps.slack.users.info({ user: slackUserId })).user;
    } catch (error) {
      const code = (error as any)?.data?.error ?? (error as Error).message;
      this.deps.logger.warn(
        `Slack users.info for ${slackUserId} failed (${code}): it can be signed in by its slack.com/bot-notify annotation only`,
      );
      return { unused: `users.info failed: ${code}` };
    }
    const email = user?.profile?.email;
    if (!user || !email) return { unused: 'Slack gave no email' };
    if (user.is_stranger) return { unused: 'a member of another organisation' };
    if (user.is_restricted || user.is_ultra_restricted) {
      return { unused: 'a guest' };
    }
    if (user.is_bot || user.deleted) return { unused: 'a bot or deactivated' };
    if (!user.is_email_confirmed) return { unused: 'not confirmed' };
    return { email };
  }

  private async credentialsFor(
    slackUserId: string,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    const { auth, discovery } = this.deps;
    const byEmail = this.deps.signInByEmail
      ? await this.emailOf(slackUserId)
      : undefined;
    const email = byEmail && 'email' in byEmail ? byEmail.email : undefined;
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
      const { cause } = await ResponseError.fromResponse(response);
      if (
        response.status === 404 &&
        cause.message.includes('No auth provider')
      ) {
        throw new UnmappedSlackUserError(
          `the auth backend has no ${SLACK_APPROVER_PROVIDER} provider (install the Slack module's auth module and configure auth.providers.${SLACK_APPROVER_PROVIDER})`,
        );
      }
      if (response.status === 404 && cause.name === 'NotFoundError') {
        throw new UnmappedSlackUserError(
          `Slack user ${slackUserId} is not a Backstage user (no catalog User with slack.com/bot-notify: ${slackUserId}${
            email ? ` or email ${email}` : ''
          }${
            byEmail && 'unused' in byEmail
              ? `; its Slack email was not used: ${byEmail.unused}`
              : ''
          })`,
        );
      }
      throw new Error(
        `the auth backend answered HTTP ${response.status}: ${cause.name}: ${cause.message}`,
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
