import { SchedulerService } from '@backstage/backend-plugin-api';
import { CloudopsDatabase } from '../database/CloudopsDatabase';

/**
 * Once an hour, on one replica, deletes detector runs older than the
 * retention (each detector's latest run per shard stays, for its health).
 */
export async function scheduleRunRetention(options: {
  scheduler: SchedulerService;
  database: CloudopsDatabase;
  retentionMs: number;
}) {
  await options.scheduler.scheduleTask({
    id: 'cloudops:detector-runs:retention',
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      await options.database.stores.detectorRuns.prune(
        new Date(Date.now() - options.retentionMs),
      );
    },
  });
}
