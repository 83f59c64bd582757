/**
 * Anomaly detection entry points for tools outside the plugin (the
 * `cloudops bench nab` command): the NAB harness and its scoring.
 *
 * @packageDocumentation
 */
export { runNab } from './nab/runNab';
export type { NabReport, NabProfileScore } from './nab/runNab';
export { NAB_DETECTOR_NAME } from './nab/resultFiles';
