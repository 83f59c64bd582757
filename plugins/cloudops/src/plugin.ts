import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { cloudopsApiRef, CloudopsClient } from './api';
import { createFromTemplateRouteRef, rootRouteRef } from './routes';

/**
 * The CloudOps frontend plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const cloudopsPlugin = createPlugin({
  id: 'cloudops',
  apis: [
    createApiFactory({
      api: cloudopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CloudopsClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
  externalRoutes: { createFromTemplate: createFromTemplateRouteRef },
});

/**
 * The Incidents tab for entity pages (legacy frontend system):
 * `<EntityLayout.Route path="/incidents" title="Incidents" if={isCloudopsAvailable}>`.
 *
 * @public
 */
export const EntityCloudopsIncidentsContent = cloudopsPlugin.provide(
  createComponentExtension({
    name: 'EntityCloudopsIncidentsContent',
    component: {
      lazy: () =>
        import('./components/EntityIncidentsContent').then(
          m => m.EntityIncidentsContent,
        ),
    },
  }),
);

/**
 * The portal-wide CloudOps page (legacy frontend system):
 * `<Route path="/cloudops" element={<CloudopsPage />} />`.
 *
 * @public
 */
export const CloudopsPage = cloudopsPlugin.provide(
  createRoutableExtension({
    name: 'CloudopsPage',
    component: () =>
      import('./components/CloudopsPage').then(m => m.CloudopsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The cost-savings card for entity pages (legacy frontend system):
 * potential monthly savings, realized to date, top opportunities and a
 * sparkline of realized savings. Use within an `EntitySwitch.Case` with
 * `if={isCloudopsAvailable}`.
 *
 * @public
 */
export const EntityCloudopsCostSavingsCard = cloudopsPlugin.provide(
  createComponentExtension({
    name: 'EntityCloudopsCostSavingsCard',
    component: {
      lazy: () =>
        import('./components/CostSavingsCard').then(
          m => m.EntityCostSavingsCard,
        ),
    },
  }),
);
