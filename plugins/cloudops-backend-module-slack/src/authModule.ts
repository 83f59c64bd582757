import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, NotFoundError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  getBearerTokenFromAuthorizationHeader,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import { CHAT_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  SLACK_APPROVER_PROVIDER,
  SLACK_EMAIL_HEADER,
  SLACK_USER_HEADER,
} from './SlackApprovers';

/** Who the cloudops plugin says clicked in Slack. */
export interface SlackApproverResult {
  slackUserId: string;
  email?: string;
}

/**
 * Signs in the catalog user of a Slack member: the User entity whose
 * `slack.com/bot-notify` annotation is the member id, else (when
 * `cloudops.slack.signInByEmail` is on and the cloudops plugin sent one)
 * the one whose profile email is the member's Slack email.
 */
export const slackApproverSignInResolver: SignInResolver<
  SlackApproverResult
> = async ({ result }, ctx) => {
  try {
    return await ctx.signInWithCatalogUser({
      annotations: { [CHAT_ANNOTATIONS.slackUser]: result.slackUserId },
    });
  } catch (error) {
    if (!result.email || (error as Error).name !== 'NotFoundError') throw error;
    return ctx.signInWithCatalogUser({
      filter: { 'spec.profile.email': result.email },
    });
  }
};

/**
 * The auth backend's `cloudops-slack` provider: issues a Backstage token
 * for the catalog user of a Slack member, only to the cloudops plugin (its
 * service token must come with the request). Install it in the backend
 * with the Slack module and enable it with `auth.providers.cloudops-slack: {}`.
 * It reads `cloudops.slack.signInByEmail` too: unless it is on, a member is
 * signed in by annotation only, whatever email the request carries.
 *
 * @public
 */
export const authModuleCloudopsSlackApprovers = createBackendModule({
  pluginId: 'auth',
  moduleId: 'cloudops-slack-approvers',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ providers, auth, config }) {
        const signInByEmail =
          config.getOptionalBoolean('cloudops.slack.signInByEmail') ?? false;
        providers.registerProvider({
          providerId: SLACK_APPROVER_PROVIDER,
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async (result: SlackApproverResult) => ({
                profile: { email: result.email },
              }),
              initialize: () => undefined,
              async authenticate({ req }) {
                const token = getBearerTokenFromAuthorizationHeader(
                  req.headers.authorization,
                );
                if (!token) throw new AuthenticationError('Missing token');
                const credentials = await auth.authenticate(token);
                if (
                  !auth.isPrincipal(credentials, 'service') ||
                  credentials.principal.subject !== 'plugin:cloudops'
                ) {
                  throw new AuthenticationError(
                    'Only the cloudops plugin signs Slack approvers in',
                  );
                }
                const slackUserId = req.header(SLACK_USER_HEADER);
                if (!slackUserId || !/^[UW][A-Z0-9]{2,}$/.test(slackUserId)) {
                  throw new NotFoundError('No Slack member id');
                }
                return {
                  result: {
                    slackUserId,
                    email: signInByEmail
                      ? req.header(SLACK_EMAIL_HEADER)
                      : undefined,
                  },
                };
              },
            }),
            signInResolver: slackApproverSignInResolver,
          }),
        });
      },
    });
  },
});
