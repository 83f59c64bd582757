import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { cloudopsApiRef, CloudopsClient } from './api';
import { isCloudopsAvailable } from './isCloudopsAvailable';

/** @alpha */
export const cloudopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: cloudopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CloudopsClient(deps),
    }),
});

/**
 * The Incidents tab on entity pages that carry a CloudOps annotation.
 *
 * @alpha
 */
export const entityIncidentsContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: '/incidents',
    title: 'Incidents',
    filter: isCloudopsAvailable,
    loader: () =>
      import('./components/EntityIncidentsContent').then(m => (
        <m.EntityIncidentsContent />
      )),
  },
});

/**
 * CloudOps AI for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'cloudops',
  title: 'CloudOps AI',
  info: { packageJson: () => import('../package.json') },
  extensions: [cloudopsApi, entityIncidentsContent],
});
