/**
 * Scaffolder actions for CloudOps AI remediation templates.
 *
 * @packageDocumentation
 */
export { scaffolderModuleCloudops as default } from './module';
export { CloudopsApi } from './CloudopsApi';
export { createCheckPolicyAction } from './actions/checkPolicyAction';
export { createDescribeOpportunityAction } from './actions/describeOpportunityAction';
export { createPatchResourcesAction } from './actions/patchResourcesAction';
export { createStartAutomationAction } from './actions/startAutomationAction';
export { createTransitionOpportunityAction } from './actions/transitionOpportunityAction';
export { createUpdateIncidentAction } from './actions/updateIncidentAction';
