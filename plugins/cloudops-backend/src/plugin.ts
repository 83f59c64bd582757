import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { cloudopsPermissions } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import { createRouter } from './service/router';

/**
 * The CloudOps AI backend plugin: incidents and their API.
 *
 * @public
 */
export const cloudopsPlugin = createBackendPlugin({
  pluginId: 'cloudops',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
      },
      async init({
        database,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        auditor,
      }) {
        permissionsRegistry.addPermissions(cloudopsPermissions);
        const incidents = await DatabaseIncidentStore.create({ database });
        httpRouter.use(
          await createRouter({ httpAuth, permissions, auditor, incidents }),
        );
      },
    });
  },
});
