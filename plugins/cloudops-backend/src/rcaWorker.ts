/**
 * The entry of the RCA's worker thread (see `ThreadRcaCompute`): reads
 * metric series through its own connection to the plugin's database and
 * analyses incident cases, so neither holds the thread that serves
 * requests and ingests signals.
 *
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import knexFactory from 'knex';
import { DatabaseSignalStore } from './database/DatabaseSignalStore';
import { LocalRcaCompute } from './incidentRca/compute/LocalRcaCompute';
import { serveRcaCompute } from './incidentRca/compute/rcaComputeMessages';
import {
  RcaWorkerData,
  workerKnexConfig,
} from './incidentRca/compute/rcaWorkerData';

const port = parentPort;
if (!port) {
  throw new Error('rcaWorker runs as a worker thread of the CloudOps backend');
}
const db = knexFactory(workerKnexConfig(workerData as RcaWorkerData));
// A connection that cannot read the rollups (a missing file, a role without
// rights) stops the worker before it takes any call: its parent counts the
// failure, and moves the RCA to the main thread after a few. Either way the
// worker ends its connections before it stops (PostgreSQL's are told so).
db('signal_rollups')
  .first('bucket_at')
  .then(
    () =>
      serveRcaCompute(
        port,
        new LocalRcaCompute(new DatabaseSignalStore(db)),
        () => db.destroy(),
      ),
    error => {
      const fail = () =>
        setImmediate(() => {
          throw new Error(`RCA worker cannot read the database: ${error}`);
        });
      db.destroy().then(fail, fail);
    },
  );
