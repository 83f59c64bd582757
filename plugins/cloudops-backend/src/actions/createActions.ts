import {
  AuditorService,
  AuthService,
  LifecycleService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsActionChannel,
  CloudopsRemediationExecutor,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { IncidentService } from '../incidents/IncidentService';
import { readActionOptions } from './actionOptions';
import { ActionsEngine } from './ActionsEngine';
import { scheduleApprovalExpiry } from './approvalExpiry';
import { JiraChannel } from './channels/JiraChannel';
import { NotificationsChannel } from './channels/NotificationsChannel';
import { PagerDutyChannel } from './channels/PagerDutyChannel';
import { ServiceNowChannel } from './channels/ServiceNowChannel';
import { WebhookChannel } from './channels/WebhookChannel';
import { Dispatcher } from './Dispatcher';
import { OutboxService } from './OutboxService';
import { OutboxWorker } from './OutboxWorker';
import { RemediationPolicyCheck } from './RemediationPolicyCheck';
import { RemediationService } from './RemediationService';
import { ActionRouter } from './routing';
import { TeamDirectory } from './TeamDirectory';

function byId<T extends { id: string }>(
  what: string,
  items: T[],
): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) {
      throw new Error(`Two ${what} are registered with the id "${item.id}"`);
    }
    map.set(item.id, item);
  }
  return map;
}

/**
 * The action dispatcher: the channels the core ships (Backstage
 * notifications, webhooks, Jira, ServiceNow, PagerDuty — each configured or
 * left out) plus those modules added, the remediation executors modules
 * added, the outbox hooks on incident changes, and the delivery worker.
 */
export async function createActions(deps: {
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  catalogService: CatalogService;
  notifications: NotificationService;
  database: CloudopsDatabase;
  catalog: CatalogSnapshot;
  incidents: IncidentService;
  changes: AuditedChanges;
  rules: () => readonly Rule[];
  channels: CloudopsActionChannel[];
  executors: CloudopsRemediationExecutor[];
}) {
  const options = readActionOptions(deps.config);
  const channels = byId<CloudopsActionChannel>('action channels', [
    new NotificationsChannel(deps.notifications),
    ...[
      WebhookChannel.fromConfig(deps.config),
      JiraChannel.fromConfig(deps.config),
      ServiceNowChannel.fromConfig(deps.config),
      PagerDutyChannel.fromConfig(deps.config),
    ].filter((c): c is NonNullable<typeof c> => !!c),
    ...deps.channels,
  ]);
  const executors = byId('remediation executors', deps.executors);
  const teams = new TeamDirectory({ ...deps, catalog: deps.catalogService });
  const router = new ActionRouter({
    routes: options.routes,
    rules: deps.rules,
    channels,
    teams,
  });
  const remediations = new RemediationService({
    ...deps,
    router,
    executors,
    options,
  });
  const worker = new OutboxWorker({ ...deps, channels, remediations, options });
  deps.database.onIncidentChanges(
    new Dispatcher({
      router,
      catalog: deps.catalog,
      remediations,
      maxAttempts: options.delivery.maxAttempts,
      maxEventAgeMs: options.maxEventAgeMs,
      logger: deps.logger,
      wake: () => worker.wake(),
    }),
  );
  const engine = new ActionsEngine({ ...deps, remediations, options });
  for (const channel of channels.values()) channel.connect?.(engine);

  await teams.start({ scheduler: deps.scheduler, frequencySeconds: 60 });
  await scheduleApprovalExpiry({ ...deps, remediations });
  deps.lifecycle.addStartupHook(async () => {
    await teams
      .refresh()
      .catch(error =>
        deps.logger.warn(`Could not read the teams' channels: ${error}`),
      );
    worker.start();
  });
  deps.lifecycle.addShutdownHook(() => worker.stop());
  if (options.readOnly) {
    deps.logger.info(
      'CloudOps actions are in read-only mode: no remediation runs',
    );
  }
  return {
    remediations,
    policy: new RemediationPolicyCheck({ ...deps, executors, options }),
    outbox: new OutboxService({ ...deps, wake: () => worker.wake() }),
    worker,
    engine,
  };
}
