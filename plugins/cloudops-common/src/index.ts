/**
 * Types, permissions and annotation names shared by the CloudOps AI plugins.
 *
 * @packageDocumentation
 */

export * from './incident';
export * from './signal';
export * from './stats';
export * from './graph';
export * from './permissions';
export * from './detectors';
export * from './annotations';
export * from './rules';
export * from './rca';
export * from './runbooks';
export * from './actions';
export * from './demo';
export * from './savings';
export * from './liveUpdates';
export * from './validation';
