import { LoggerService } from '@backstage/backend-plugin-api';
import { CloudopsDatabase } from '../../database/CloudopsDatabase';
import { LocalRcaCompute } from './LocalRcaCompute';
import { RcaCompute } from './RcaCompute';
import { ThreadRcaCompute } from './ThreadRcaCompute';

/**
 * Where the RCA reads series and analyses cases: on a worker thread with
 * its own connection when `workerThread` is on and the database can be
 * opened twice (a SQLite file, PostgreSQL), else on this thread. `role` is
 * the PostgreSQL role Backstage sets on the plugin's connections
 * (`backend.database.role`), which the worker's connections take too.
 */
export function rcaComputeFor(options: {
  database: CloudopsDatabase;
  workerThread: boolean;
  role?: string;
  logger: LoggerService;
}): RcaCompute {
  const local = new LocalRcaCompute(options.database.stores.signals);
  const database = options.database.readerConfig();
  if (!options.workerThread || !database) return local;
  return new ThreadRcaCompute({
    entry: require.resolve(
      '@cloudops-ai/backstage-plugin-cloudops-backend/rcaWorker',
    ),
    database,
    role: options.role,
    fallback: local,
    logger: options.logger,
  });
}
