/**
 * The demo backend module for the cloudops plugin: a simulated multi-account
 * fleet with chaos scenarios that feeds the real detection, RCA and
 * remediation pipeline.
 *
 * @packageDocumentation
 */

export { cloudopsModuleDemo as default } from './module';
