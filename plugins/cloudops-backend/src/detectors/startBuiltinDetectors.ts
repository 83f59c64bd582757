import {
  LifecycleService,
  RootConfigService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  AnomalyDetector,
  Forecaster,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { DetectorStateStore } from '../database/DetectorStateStore';
import { BuiltinAnomalyDetector } from './BuiltinAnomalyDetector';
import { BuiltinForecaster } from './BuiltinForecaster';
import { EntityAnomalies } from './EntityAnomalies';

/** How often each replica writes the detector state it changed. */
const SNAPSHOT_SECONDS = 30;
/** Snapshots of series not seen for this long are deleted. */
const RETENTION_DAYS = 30;

/**
 * Creates the built-in anomaly detector and forecaster for whatever a module
 * did not supply, and the per-entity multivariate scores, and keeps their
 * state: loaded lazily per series from the
 * store, written back every 30 seconds by a local scheduled task (each
 * replica writes what it changed) and at shutdown, never on the scoring
 * path. Snapshots untouched for 30 days are deleted.
 */
export async function startBuiltinDetectors(options: {
  store: DetectorStateStore;
  supplied: { anomaly?: AnomalyDetector; forecaster?: Forecaster };
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  logger: LoggerService;
  config: RootConfigService;
}): Promise<{
  anomaly?: AnomalyDetector;
  forecaster?: Forecaster;
  entityAnomalies: EntityAnomalies;
}> {
  const { store, supplied, scheduler, lifecycle, logger, config } = options;
  const onWarning = (message: string) => logger.warn(message);
  const anomaly = supplied.anomaly
    ? undefined
    : new BuiltinAnomalyDetector({ store, onWarning });
  const forecaster = supplied.forecaster
    ? undefined
    : new BuiltinForecaster({ store, onWarning });
  const features = config.getOptionalConfig('cloudops.anomaly.entityFeatures');
  const entityAnomalies = new EntityAnomalies({
    store,
    onWarning,
    spec: {
      aliases: features?.getOptional<Record<string, string>>('aliases'),
      ratios: features?.getOptionalConfigArray('ratios')?.map(ratio => ({
        name: ratio.getString('name'),
        numerator: ratio.getString('numerator'),
        denominator: ratio.getString('denominator'),
      })),
    },
  });
  const caches = [anomaly?.cache, forecaster?.cache, entityAnomalies.cache];
  const snapshot = async () => {
    for (const cache of caches) {
      try {
        await cache?.flush();
      } catch (error) {
        logger.warn(`Detector state not saved, will retry: ${error}`);
      }
    }
  };
  await scheduler.scheduleTask({
    id: 'cloudops-detector-state-snapshot',
    scope: 'local',
    frequency: { seconds: SNAPSHOT_SECONDS },
    timeout: { minutes: 5 },
    initialDelay: { seconds: SNAPSHOT_SECONDS },
    fn: snapshot,
  });
  await scheduler.scheduleTask({
    id: 'cloudops-detector-state-retention',
    scope: 'global',
    frequency: { hours: 24 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 10 },
    fn: async () => {
      const before = new Date(Date.now() - RETENTION_DAYS * 86_400_000);
      const deleted = await store.deleteOlderThan(before);
      if (deleted > 0) {
        logger.info(
          `Deleted ${deleted} detector snapshots idle since ${before.toISOString()}`,
        );
      }
    },
  });
  lifecycle.addShutdownHook(snapshot);
  return { anomaly, forecaster, entityAnomalies };
}
