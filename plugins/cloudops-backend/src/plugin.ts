import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { createDeferred } from '@backstage/types';
import { cloudopsPermissions } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  AnomalyDetector,
  cloudopsAiProviderExtensionPoint,
  CloudopsAiProvider,
  CloudopsActionChannel,
  ActionAuditEntry,
  cloudopsActionsExtensionPoint,
  cloudopsAuditExtensionPoint,
  CloudopsRemediationExecutor,
  cloudopsDetectorsExtensionPoint,
  cloudopsIncidentListenersExtensionPoint,
  cloudopsLogEvidenceExtensionPoint,
  cloudopsRcaSeriesExtensionPoint,
  CloudopsSignalSource,
  cloudopsSignalSourcesExtensionPoint,
  CloudopsValidationCheck,
  cloudopsValidationExtensionPoint,
  Forecaster,
  IncidentLifecycleListener,
  LogEvidenceProvider,
  RcaSeriesProvider,
  PricingSource,
  WasteDetector,
  cloudopsWasteDetectorsExtensionPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AiNarrator } from './ai/AiNarrator';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createActions } from './actions/createActions';
import { AuditedChanges } from './audit/AuditedChanges';
import { CatalogSnapshot } from './catalog/CatalogSnapshot';
import { CloudopsDatabase } from './database/CloudopsDatabase';
import { startBuiltinDetectors } from './detectors/startBuiltinDetectors';
import { readEngineOptions } from './engineOptions';
import { Correlator } from './incidents/Correlator';
import { IncidentChangeNotifier } from './incidents/IncidentChangeNotifier';
import { IncidentListeners } from './incidents/IncidentListeners';
import { IncidentRcaRunner } from './incidentRca/IncidentRcaRunner';
import { RcaScheduler } from './incidentRca/RcaScheduler';
import { rcaComputeFor } from './incidentRca/compute/rcaComputeFor';
import { IncidentService } from './incidents/IncidentService';
import { RemediationLearning } from './remediation/RemediationLearning';
import { RunbookLibrary } from './remediation/RunbookLibrary';
import { RuleEngine } from './rules/RuleEngine';
import { RuleSetLoader } from './rules/RuleSetLoader';
import { scheduleRetention } from './scheduling/scheduleRetention';
import { ForegroundWork } from './scheduling/ForegroundWork';
import { ShardedTasks } from './scheduling/ShardedTasks';
import { startSavings } from './savings/startSavings';
import { registerNocReadActions } from './mcp/nocReadActions';
import { registerNocWriteActions } from './mcp/nocWriteActions';
import { createRouter } from './service/router';
import { SignalIngestor } from './signals/SignalIngestor';
import { SignalSources } from './signals/SignalSources';

/**
 * The CloudOps AI backend plugin: signals, rules, correlation, incidents and
 * their API.
 *
 * @public
 */
export const cloudopsPlugin = createBackendPlugin({
  pluginId: 'cloudops',
  register(env) {
    const sources: CloudopsSignalSource[] = [];
    const incidentListeners: IncidentLifecycleListener[] = [];
    const detectors: { anomaly?: AnomalyDetector; forecaster?: Forecaster } =
      {};
    env.registerExtensionPoint(cloudopsSignalSourcesExtensionPoint, {
      addSource(source) {
        sources.push(source);
      },
    });
    env.registerExtensionPoint(cloudopsIncidentListenersExtensionPoint, {
      addListener(listener) {
        incidentListeners.push(listener);
      },
    });
    let aiProvider: CloudopsAiProvider | undefined;
    env.registerExtensionPoint(cloudopsAiProviderExtensionPoint, {
      setProvider(provider) {
        aiProvider = provider;
      },
    });
    const channels: CloudopsActionChannel[] = [];
    const executors: CloudopsRemediationExecutor[] = [];
    env.registerExtensionPoint(cloudopsActionsExtensionPoint, {
      addChannel(channel) {
        channels.push(channel);
      },
      addExecutor(executor) {
        executors.push(executor);
      },
    });
    // Modules' own audited changes; they wait for the plugin to start.
    const auditLog =
      createDeferred<(entry: ActionAuditEntry) => Promise<void>>();
    env.registerExtensionPoint(cloudopsAuditExtensionPoint, {
      async audit(entry) {
        return (await auditLog)(entry);
      },
    });
    const waste: { detectors: WasteDetector[]; pricing?: PricingSource } = {
      detectors: [],
    };
    env.registerExtensionPoint(cloudopsWasteDetectorsExtensionPoint, {
      addDetector(detector) {
        waste.detectors.push(detector);
      },
      setPricingSource(source) {
        waste.pricing = source;
      },
    });
    env.registerExtensionPoint(cloudopsDetectorsExtensionPoint, {
      setAnomalyDetector(detector) {
        detectors.anomaly = detector;
      },
      setForecaster(forecaster) {
        detectors.forecaster = forecaster;
      },
    });

    // Log evidence for root-cause analysis (CloudWatch Logs Insights, …).
    const logEvidence: LogEvidenceProvider[] = [];
    env.registerExtensionPoint(cloudopsLogEvidenceExtensionPoint, {
      addProvider(provider) {
        logEvidence.push(provider);
      },
    });

    // Set-up checks of modules for the health report (GET /validate).
    const validationChecks: CloudopsValidationCheck[] = [];
    env.registerExtensionPoint(cloudopsValidationExtensionPoint, {
      addCheck(check) {
        validationChecks.push(check);
      },
    });

    // Metric series for root-cause analysis (Prometheus, …).
    const rcaSeries: RcaSeriesProvider[] = [];
    env.registerExtensionPoint(cloudopsRcaSeriesExtensionPoint, {
      addProvider(provider) {
        rcaSeries.push(provider);
      },
    });

    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        events: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        signals: signalsServiceRef,
      },
      async init(deps) {
        const options = readEngineOptions(deps.config);
        deps.permissionsRegistry.addPermissions(cloudopsPermissions);

        const database = await CloudopsDatabase.create({
          database: deps.database,
          logger: deps.logger,
        });
        const catalog = new CatalogSnapshot(deps);
        await catalog.start({
          ...deps,
          frequencySeconds: options.catalogRefreshSeconds,
          changeCheckSeconds: options.catalogChangeCheckSeconds,
          firstReadWaitSeconds: options.catalogFirstReadWaitSeconds,
        });

        // The built-in detectors, unless a module supplied its own.
        const builtin = await startBuiltinDetectors({
          ...deps,
          store: database.detectorStates,
          supplied: detectors,
        });
        const listeners = new IncidentListeners(incidentListeners, {
          database,
          logger: deps.logger,
        });
        database.onIncidentChanges({
          afterCommit: committed => listeners.changed(committed),
        });
        const changes = new AuditedChanges(database, deps.auditor);
        const learning = new RemediationLearning(database, changes);
        // Ingestion comes first on this thread; the RCA gives way to it, and
        // does its heaviest work on a worker thread where it can.
        const foreground = new ForegroundWork();
        const compute = rcaComputeFor({
          database,
          workerThread: options.rca.workerThread,
          role:
            deps.config.getOptionalString(
              'backend.database.plugin.cloudops.role',
            ) ?? deps.config.getOptionalString('backend.database.role'),
          logger: deps.logger,
        });
        const rca = new RcaScheduler({
          database,
          learning,
          foreground,
          logger: deps.logger,
          options: options.rca.scheduler,
          runner: new IncidentRcaRunner({
            database,
            catalog,
            changes,
            runbooks: new RunbookLibrary(options.rca.runbookFiles, deps.logger),
            narrator:
              aiProvider && new AiNarrator(aiProvider, options.ai, deps.logger),
            logger: deps.logger,
            options: options.rca.incident,
            seriesProviders: rcaSeries,
            foreground,
            compute,
          }),
        });
        if (options.rca.enabled) {
          database.onIncidentChanges({
            afterCommit: committed => rca.incidentsChanged(committed),
          });
          await rca.start(deps);
        }
        deps.lifecycle.addShutdownHook(async () => {
          // Shutdown hooks run together: the worker stops after the RCA.
          await rca.stop();
          await compute.close();
        });
        // Open portal views hear of incident changes (Backstage signals).
        const notifier = new IncidentChangeNotifier(deps);
        deps.lifecycle.addShutdownHook(() => notifier.flush());
        database.onIncidentChanges({
          afterCommit: committed =>
            notifier.changed(committed.map(change => change.incidentId)),
        });

        const executorIds = executors.map(executor => executor.id);
        const ruleSet = await RuleSetLoader.create({
          ...deps,
          executors: executorIds,
        });
        deps.lifecycle.addShutdownHook(() => ruleSet.close());
        const { entityAnomalies } = builtin;
        const rules = new RuleEngine({
          rules: () => ruleSet.getRules(),
          anomalyDetector: detectors.anomaly ?? builtin.anomaly,
          forecaster: detectors.forecaster ?? builtin.forecaster,
        });
        // What fired before a restart still resolves when it clears.
        rules.resumeFiring(
          await database.stores.incidents.listFiringRuleKeys(),
        );
        const ingestor = new SignalIngestor({
          database,
          catalog,
          rules,
          correlator: new Correlator(catalog, options.correlation),
          logger: deps.logger,
          alertsWithoutRule: options.alertsWithoutRule,
          foreground,
          onCommitted: signals => {
            try {
              entityAnomalies.observe(signals);
            } catch (error) {
              deps.logger.warn(`Entity anomaly scoring failed: ${error}`);
            }
          },
        });

        const tasks = new ShardedTasks({ ...deps, database });
        await scheduleRetention({
          ...deps,
          database,
          foreground,
          retention: options.retention,
        });
        await new SignalSources({ ...deps, database, ingestor, tasks }).start({
          sources,
          rules: () => ruleSet.getRules(),
          tickSeconds: options.tickSeconds,
        });

        const incidents = new IncidentService(database, changes, catalog);
        const actions = await createActions({
          ...deps,
          catalogService: deps.catalog,
          database,
          catalog,
          incidents,
          changes,
          rules: () => ruleSet.getRules(),
          channels,
          executors,
        });
        auditLog.resolve(entry => actions.engine.audit(entry));
        // Remediations that ran teach the RCA which runbooks resolve what.
        actions.remediations.onExecuted(async (request, outcome) => {
          if (!request.incidentId) return; // an opportunity's remediation
          const action = await learning.recordAction(
            request.incidentId,
            request.ref,
            request.requestedBy,
          );
          if (outcome.status === 'failed') {
            await learning.recordActionFailed(
              action.id,
              outcome.summary,
              request.requestedBy,
            );
          }
        });
        const savings = await startSavings({
          ...deps,
          database,
          catalog,
          changes,
          tasks,
          ...waste,
          forecastRuleIds: () =>
            new Set(
              ruleSet
                .getRules()
                .filter(rule => rule.condition.type === 'forecast')
                .map(rule => rule.id),
            ),
        });

        // The NOC as AI-callable actions (MCP actions backend).
        const nocActions = { ...deps, database, incidents, ...actions };
        registerNocReadActions(nocActions);
        registerNocWriteActions(nocActions);

        deps.httpRouter.use(
          await createRouter({
            ...deps,
            database,
            catalog,
            ingestor,
            entityAnomalies,
            incidents,
            actions,
            savings,
            validation: {
              config: deps.config,
              database: deps.database,
              permissions: deps.permissions,
              moduleChecks: validationChecks,
              executors: executorIds,
            },
            rules: () => ruleSet.getRules(),
          }),
        );
      },
    });
  },
});
