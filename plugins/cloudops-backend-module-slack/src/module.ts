import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  cloudopsActionsExtensionPoint,
  cloudopsAuditExtensionPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { interactionsRouter } from './interactionsRouter';
import { SlackApprovers } from './SlackApprovers';
import { SlackChannel } from './SlackChannel';

/**
 * Slack for CloudOps AI: the `slack` action channel, and the interactions
 * route that takes approvals when a signing secret is configured.
 *
 * @public
 */
export const cloudopsModuleSlack = createBackendModule({
  pluginId: 'cloudops',
  moduleId: 'slack',
  register(reg) {
    reg.registerInit({
      deps: {
        actions: cloudopsActionsExtensionPoint,
        audit: cloudopsAuditExtensionPoint,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
      },
      async init({
        actions,
        audit,
        auth,
        config,
        discovery,
        httpRouter,
        logger,
        permissions,
      }) {
        const channel = SlackChannel.fromConfig(config);
        if (!channel) {
          logger.info('cloudops.slack is not configured: no Slack messages');
          return;
        }
        actions.addChannel(channel);
        const signingSecret = config.getOptionalString(
          'cloudops.slack.signingSecret',
        );
        if (!signingSecret) {
          logger.info(
            'cloudops.slack.signingSecret is not set: Slack buttons other than links are not answered',
          );
          return;
        }
        const teamIds = config.getOptionalStringArray('cloudops.slack.teamIds');
        if (!teamIds) {
          logger.warn(
            'cloudops.slack.teamIds is not set: clicks are taken from every Slack workspace the app is installed in, and from members of other organisations in shared channels; set it to your workspace (T…) or Enterprise Grid organisation (E…) ids',
          );
        }
        httpRouter.use(
          interactionsRouter({
            signingSecret,
            engine: () => channel.engine,
            audit,
            approvers: new SlackApprovers({
              auth,
              discovery,
              logger,
              slack: channel.webClient,
              teamIds,
              signInByEmail:
                config.getOptionalBoolean('cloudops.slack.signInByEmail') ??
                false,
            }),
            permissions,
            logger,
          }),
        );
        // Slack cannot sign in to Backstage; its signature is checked instead.
        httpRouter.addAuthPolicy({
          path: '/slack/interactions',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
