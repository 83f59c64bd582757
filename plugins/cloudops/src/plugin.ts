import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { cloudopsApiRef, CloudopsClient } from './api';

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
