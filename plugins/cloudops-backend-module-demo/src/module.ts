import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  cloudopsActionsExtensionPoint,
  cloudopsAuditExtensionPoint,
  cloudopsSignalSourcesExtensionPoint,
  cloudopsWasteDetectorsExtensionPoint,
  RunbookLibrary,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { DemoClock } from './clock';
import { readDemoOptions } from './config';
import { DemoFleet } from './fleet/DemoFleet';
import { DemoExecutor } from './remediation/DemoExecutor';
import { IncidentRootCauses } from './remediation/IncidentRootCauses';
import { DemoWasteDetector } from './savings/DemoWasteDetector';
import { ChaosTimer } from './scenarios/ChaosTimer';
import { PastFaults } from './scenarios/PastFaults';
import { ScenarioService } from './scenarios/ScenarioService';
import { ScenarioStore } from './scenarios/ScenarioStore';
import { createDemoRouter } from './service/router';
import { DemoSource } from './source/DemoSource';
import { EstateInCatalog } from './source/EstateInCatalog';

/** How long the fleet waits for the catalog to list its estate before it goes on regardless. */
const CATALOG_MAX_WAIT_MS = 5 * 60_000;

/**
 * The embedded demo fleet for CloudOps AI: a simulated estate (three AWS
 * accounts, an EKS cluster, the example catalog's services) read by the
 * engine like real sources, chaos scenarios on demand and on a timer, and
 * an executor that remediates them. On unless `cloudops.demo.enabled` is
 * false, or a real source is configured and it is not set to true.
 *
 * @public
 */
export const cloudopsModuleDemo = createBackendModule({
  pluginId: 'cloudops',
  moduleId: 'demo',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        scheduler: coreServices.scheduler,
        actions: cloudopsActionsExtensionPoint,
        audit: cloudopsAuditExtensionPoint,
        sources: cloudopsSignalSourcesExtensionPoint,
        waste: cloudopsWasteDetectorsExtensionPoint,
      },
      async init(deps) {
        const { config, logger } = deps;
        const options = readDemoOptions(config);
        if (!options.enabled) {
          logger.info(`Demo fleet off: ${options.reason}`);
          return;
        }
        const fleet = new DemoFleet(
          new DemoClock(options.timeScale),
          await ScenarioStore.create(deps.database),
        );
        const source = new DemoSource({
          fleet,
          options,
          logger,
          inCatalog: new EstateInCatalog({
            ...deps,
            estate: fleet.estate,
            settleMs: options.catalogSettleMs,
            maxWaitMs: CATALOG_MAX_WAIT_MS,
          }),
        });
        deps.sources.addSource(source.historySource());
        deps.sources.addSource(source);
        deps.actions.addExecutor(
          new DemoExecutor({
            fleet,
            runbooks: new RunbookLibrary(
              config.getOptionalStringArray('cloudops.rca.runbooks') ?? [],
              logger,
            ),
            rootCauses: new IncidentRootCauses(deps),
          }),
        );
        if (options.savingsEnabled) {
          deps.waste.addDetector(
            new DemoWasteDetector(fleet, {
              frequency: { milliseconds: options.savingsScanMs },
              timeout: { minutes: 10 },
              initialDelay: { seconds: 5 },
            }),
          );
        }
        const scenarios = new ScenarioService(fleet, options.maxDurationMs);
        await new PastFaults({ fleet, scenarios, options, logger }).record();
        deps.httpRouter.use(createDemoRouter({ ...deps, fleet, scenarios }));
        if (options.chaos.enabled) {
          await new ChaosTimer({
            fleet,
            scenarios,
            options: options.chaos,
            scheduler: deps.scheduler,
            logger,
          }).start();
        }
        logger.info(
          `Demo fleet on (${options.reason}): ${
            fleet.signals.series.length
          } series in ${fleet.signals.shards().length} shards, time scale ${
            options.timeScale
          }, chaos timer ${options.chaos.enabled ? 'on' : 'off'}`,
        );
      },
    });
  },
});
