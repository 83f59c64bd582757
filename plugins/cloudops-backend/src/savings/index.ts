/**
 * Savings entry points for tools outside the plugin (the `cloudops bench
 * savings` command): the accuracy check on a synthetic fleet.
 *
 * @packageDocumentation
 */
export { runSavingsBench } from './bench/runSavingsBench';
export type {
  SavingsBenchReport,
  DetectorAccuracy,
} from './bench/runSavingsBench';
export { generateFleet, DEFAULT_FLEET_MIX } from './bench/syntheticFleet';
