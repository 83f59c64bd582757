/**
 * The entry of the RCA's worker thread (see `ThreadRcaCompute`): reads
 * metric series through its own connection to the plugin's database and
 * analyses incident cases, so neither holds the thread that serves
 * requests and ingests signals.
 *
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';
import knexFactory, { Knex } from 'knex';
import { DatabaseSignalStore } from './database/DatabaseSignalStore';
import { LocalRcaCompute } from './incidentRca/compute/LocalRcaCompute';
import { serveRcaCompute } from './incidentRca/compute/rcaComputeMessages';

if (!parentPort) {
  throw new Error('rcaWorker runs as a worker thread of the CloudOps backend');
}
const db = knexFactory((workerData as { database: Knex.Config }).database);
serveRcaCompute(parentPort, new LocalRcaCompute(new DatabaseSignalStore(db)));
