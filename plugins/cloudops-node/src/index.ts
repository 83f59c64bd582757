/**
 * Extension points for modules that extend the CloudOps AI backend.
 *
 * @packageDocumentation
 */

export * from './detectors';
export * from './signalSources';
export * from './signalInputSchema';
export * from './parseInput';
export * from './readRuleFile';
export * from './RunbookLibrary';
export * from './aiProvider';
export * from './incidentListeners';
export * from './actions';
export * from './audit';
export * from './RejectedRequests';
export * from './authorize';
export * from './describeDelivery';
export * from './entitySelector';
export * from './signalMatch';
export * from './logEvidence';
export * from './rcaSeries';
export * from './savings';
export * from './validation';
export * from './runValidationChecks';
