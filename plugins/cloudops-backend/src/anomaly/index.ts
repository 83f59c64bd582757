/**
 * Anomaly and predictive detection entry points for tools outside the plugin
 * (the `cloudops bench` commands): the NAB harness and the predictive check.
 *
 * @packageDocumentation
 */
export { runNab } from './nab/runNab';
export type { NabReport, NabProfileScore } from './nab/runNab';
export { NAB_DETECTOR_NAME } from './nab/resultFiles';
export { runPredictiveCheck } from '../forecast/predictiveCheck';
export type { PredictiveCheckReport } from '../forecast/predictiveCheck';
