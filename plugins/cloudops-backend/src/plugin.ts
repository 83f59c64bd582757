import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { cloudopsPermissions } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  AnomalyDetector,
  cloudopsDetectorsExtensionPoint,
  CloudopsSignalSource,
  cloudopsSignalSourcesExtensionPoint,
  Forecaster,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from './audit/AuditedChanges';
import { CatalogSnapshot } from './catalog/CatalogSnapshot';
import { CloudopsDatabase } from './database/CloudopsDatabase';
import { readEngineOptions } from './engineOptions';
import { Correlator } from './incidents/Correlator';
import { IncidentChangeNotifier } from './incidents/IncidentChangeNotifier';
import { IncidentService } from './incidents/IncidentService';
import { RuleEngine } from './rules/RuleEngine';
import { RuleSetLoader } from './rules/RuleSetLoader';
import { scheduleRunRetention } from './scheduling/scheduleRunRetention';
import { ShardedTasks } from './scheduling/ShardedTasks';
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
    const detectors: { anomaly?: AnomalyDetector; forecaster?: Forecaster } =
      {};
    env.registerExtensionPoint(cloudopsSignalSourcesExtensionPoint, {
      addSource(source) {
        sources.push(source);
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

    env.registerInit({
      deps: {
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
        });
        const catalog = new CatalogSnapshot(deps);
        await catalog.start({
          ...deps,
          frequencySeconds: options.catalogRefreshSeconds,
          changeCheckSeconds: options.catalogChangeCheckSeconds,
        });

        const notifier = new IncidentChangeNotifier(deps);
        deps.lifecycle.addShutdownHook(() => notifier.flush());

        const ruleSet = await RuleSetLoader.create(deps);
        deps.lifecycle.addShutdownHook(() => ruleSet.close());
        const ingestor = new SignalIngestor({
          database,
          catalog,
          rules: new RuleEngine({
            rules: () => ruleSet.getRules(),
            anomalyDetector: detectors.anomaly,
            forecaster: detectors.forecaster,
          }),
          correlator: new Correlator(catalog, options.correlation),
          logger: deps.logger,
          alertsWithoutRule: options.alertsWithoutRule,
          notifier,
        });

        const tasks = new ShardedTasks({ ...deps, database });
        await scheduleRunRetention({
          ...deps,
          database,
          retentionMs: options.detectorRunRetentionMs,
        });
        await new SignalSources({ ...deps, ingestor, tasks }).start({
          sources,
          rules: () => ruleSet.getRules(),
          tickSeconds: options.tickSeconds,
        });

        deps.httpRouter.use(
          await createRouter({
            ...deps,
            database,
            catalog,
            ingestor,
            incidents: new IncidentService(
              database,
              new AuditedChanges(database, deps.auditor),
              catalog,
              notifier,
            ),
          }),
        );
      },
    });
  },
});
