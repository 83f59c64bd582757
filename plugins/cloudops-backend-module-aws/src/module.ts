import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  cloudopsAiProviderExtensionPoint,
  cloudopsActionsExtensionPoint,
  cloudopsLogEvidenceExtensionPoint,
  cloudopsSignalSourcesExtensionPoint,
  cloudopsValidationExtensionPoint,
  cloudopsWasteDetectorsExtensionPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsAccounts } from './accounts/AwsAccounts';
import { OrganizationsAccounts } from './accounts/OrganizationsAccounts';
import { BedrockAiProvider } from './bedrock/BedrockAiProvider';
import { AccountCredentials } from './clients/AccountCredentials';
import { AwsClients } from './clients/AwsClients';
import { CloudWatchAlarmsSource } from './cloudwatch/CloudWatchAlarmsSource';
import { CloudWatchMetricsSource } from './cloudwatch/CloudWatchMetricsSource';
import { ResourceCatalog } from './cloudwatch/ResourceCatalog';
import {
  EVENTBRIDGE_SOURCE_ID,
  EventBridgeSubscriber,
} from './eventbridge/EventBridgeSubscriber';
import { CloudWatchLogsInsights } from './logs/CloudWatchLogsInsights';
import { readAwsModuleOptions } from './options';
import { awsValidationCheck } from './validation/awsValidationCheck';
import { awsWasteDetectors } from './waste/awsWasteDetectors';
import { AwsPricingSource } from './waste/pricing/AwsPricingSource';
import { remediationCredentialsManager } from './clients/remediationCredentials';
import { RemediationTargets } from './ssm/remediationTarget';
import { SsmAutomationExecutor } from './ssm/SsmAutomationExecutor';
import { SnsChannel } from './sns/SnsChannel';
import { SavingsReportMailer } from './ses/SavingsReportMailer';
import { SesChannel } from './ses/SesChannel';
import { SesMailer } from './ses/SesMailer';

/**
 * CloudOps on AWS: CloudWatch metrics and alarms of every account (from
 * Backstage's AWS integration config and AWS Organizations) as sharded
 * scheduled detectors, EventBridge events from the events service, and
 * CloudWatch Logs Insights evidence for root-cause analysis, and Amazon
 * Bedrock as the AI provider when `cloudops.aws.bedrock` is set. Without AWS
 * configuration it does nothing.
 *
 * @public
 */
export const cloudopsModuleAws = createBackendModule({
  pluginId: 'cloudops',
  moduleId: 'aws',
  register(reg) {
    reg.registerInit({
      deps: {
        ai: cloudopsAiProviderExtensionPoint,
        actions: cloudopsActionsExtensionPoint,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        logEvidence: cloudopsLogEvidenceExtensionPoint,
        sources: cloudopsSignalSourcesExtensionPoint,
        validation: cloudopsValidationExtensionPoint,
        waste: cloudopsWasteDetectorsExtensionPoint,
      },
      async init(deps) {
        const { config, logger, sources } = deps;
        deps.validation.addCheck(awsValidationCheck({ config, logger }));
        const options = readAwsModuleOptions(config);
        if (!options) {
          logger.info(
            'No AWS configuration (aws.accounts or cloudops.aws): the CloudOps AWS module does nothing',
          );
          return;
        }
        const credentialsManager =
          DefaultAwsCredentialsManager.fromConfig(config);
        const clients = new AwsClients({
          credentialsManager,
          maxConcurrentCalls: options.maxConcurrentCalls,
          maxAttempts: options.maxAttempts,
          logger,
        });
        deps.lifecycle.addShutdownHook(() => clients.destroy());
        const accounts = new AwsAccounts(
          options,
          options.organizations &&
            new OrganizationsAccounts(clients, options.organizations),
        );

        if (options.metrics) {
          const metrics = new CloudWatchMetricsSource({
            accounts,
            clients,
            logger,
            catalog: new ResourceCatalog({
              ...deps,
              refreshMs: options.metrics.catalogRefreshMs,
            }),
            ...options.metrics,
          });
          sources.addSource(metrics.asSource());
        }
        if (options.alarms) {
          sources.addSource(
            new CloudWatchAlarmsSource({
              accounts,
              clients,
              ...options.alarms,
            }).asSource(),
          );
        }
        if (options.eventBridge) {
          const subscriber = new EventBridgeSubscriber({
            events: deps.events,
            logger,
            topics: options.eventBridge.topics,
          });
          sources.addSource({
            type: 'push',
            id: EVENTBRIDGE_SOURCE_ID,
            connect: sink => subscriber.connect(sink),
          });
        }
        if (options.waste) {
          awsWasteDetectors({
            accounts,
            clients,
            ...options.waste,
          }).forEach(detector => deps.waste.addDetector(detector));
        }
        if (options.pricing) {
          deps.waste.setPricingSource(
            new AwsPricingSource({ clients, ...options.pricing }),
          );
        }
        deps.logEvidence.addProvider(
          new CloudWatchLogsInsights({
            clients,
            logger,
            queryTimeoutMs: options.logs.queryTimeoutMs,
          }),
        );
        if (options.bedrock) {
          const { modelId, region } = options.bedrock;
          const bedrock = new BedrockAiProvider(
            options.bedrock,
            new AccountCredentials(credentialsManager),
          );
          deps.lifecycle.addShutdownHook(() => bedrock.destroy());
          deps.ai.setProvider(bedrock);
          logger.info(
            `CloudOps AWS module: Amazon Bedrock (${modelId} in ${region}) narrates root-cause analyses`,
          );
        }
        if (options.sns) {
          deps.actions.addChannel(
            new SnsChannel({ clients, options: options.sns }),
          );
        }
        if (options.ses) {
          const mailer = new SesMailer({ clients, options: options.ses });
          deps.actions.addChannel(
            new SesChannel({ mailer, options: options.ses }),
          );
          if (options.ses.weeklyReport) {
            await new SavingsReportMailer({ ...deps, mailer }).subscribe();
          }
        }
        if (options.ssm) {
          const remediationClients = new AwsClients({
            credentialsManager: remediationCredentialsManager(
              config,
              options.ssm,
            ),
            maxConcurrentCalls: options.maxConcurrentCalls,
            maxAttempts: options.maxAttempts,
            logger,
          });
          deps.lifecycle.addShutdownHook(() => remediationClients.destroy());
          deps.actions.addExecutor(
            new SsmAutomationExecutor({
              clients: remediationClients,
              targets: new RemediationTargets({
                ...deps,
                accountOf: async account =>
                  (await accounts.list()).find(a => a.accountId === account),
              }),
              options: options.ssm,
              logger,
            }),
          );
        }
        logger.info(
          `CloudOps AWS module: ${
            options.accounts.length
          } configured account(s)${
            options.organizations ? ' plus AWS Organizations discovery' : ''
          }, regions ${options.regions.join(', ')}, ${
            options.accountsPerShard
          } account(s) per shard`,
        );
      },
    });
  },
});
