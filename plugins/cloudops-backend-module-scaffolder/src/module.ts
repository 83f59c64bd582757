import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { cloudopsActionsExtensionPoint } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ScaffolderExecutor } from './ScaffolderExecutor';
import { ScaffolderTasks } from './ScaffolderTasks';
import { TaskClaims } from './TaskClaims';

/**
 * Adds the `scaffolder` remediation executor to CloudOps AI: remediations
 * run Software Templates from the catalog as scaffolder tasks. Needs the
 * scaffolder backend in the same deployment (or reachable via discovery).
 *
 * @public
 */
export const cloudopsModuleScaffolder = createBackendModule({
  pluginId: 'cloudops',
  moduleId: 'scaffolder',
  register(env) {
    env.registerInit({
      deps: {
        actions: cloudopsActionsExtensionPoint,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        database: coreServices.database,
        discovery: coreServices.discovery,
      },
      async init({ actions, auth, catalog, database, discovery }) {
        const claims = await TaskClaims.create(await database.getClient(), {
          skipMigrations: database.migrations?.skip,
        });
        actions.addExecutor(
          new ScaffolderExecutor({
            auth,
            catalog,
            claims,
            tasks: new ScaffolderTasks({ auth, discovery }),
          }),
        );
      },
    });
  },
});
