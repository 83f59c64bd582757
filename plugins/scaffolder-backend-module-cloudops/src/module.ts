import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCheckPolicyAction } from './actions/checkPolicyAction';
import { createDescribeOpportunityAction } from './actions/describeOpportunityAction';
import { createPatchResourcesAction } from './actions/patchResourcesAction';
import { createStartAutomationAction } from './actions/startAutomationAction';
import { createTransitionOpportunityAction } from './actions/transitionOpportunityAction';
import { createUpdateIncidentAction } from './actions/updateIncidentAction';
import { CloudopsApi } from './CloudopsApi';

/**
 * The CloudOps AI scaffolder actions for remediation templates.
 *
 * @public
 */
export const scaffolderModuleCloudops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'cloudops',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        const api = new CloudopsApi({ discovery, auth });
        scaffolder.addActions(
          createStartAutomationAction(api),
          createUpdateIncidentAction(api),
          createTransitionOpportunityAction(api),
          createDescribeOpportunityAction(api),
          createCheckPolicyAction(api),
          createPatchResourcesAction(),
        );
      },
    });
  },
});
