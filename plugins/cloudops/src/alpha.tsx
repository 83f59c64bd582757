import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import MonitorIcon from '@material-ui/icons/DesktopWindows';
import { cloudopsApiRef, CloudopsClient } from './api';
import { isCloudopsAvailable } from './isCloudopsAvailable';
import { createFromTemplateRouteRef, rootRouteRef } from './routes';

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
 * The Incidents tab on entity pages that carry a CloudOps annotation, with
 * each incident's detail below it.
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
 * The cost-savings card on entity pages that carry a CloudOps annotation.
 *
 * @alpha
 */
export const entityCostSavingsCard = EntityCardBlueprint.make({
  name: 'cost-savings',
  params: {
    filter: isCloudopsAvailable,
    loader: () =>
      import('./components/CostSavingsCard').then(m => (
        <m.EntityCostSavingsCard />
      )),
  },
});

/**
 * The portal-wide page at `/cloudops`: NOC dashboard, incidents, dependency
 * graph. Its title and icon make its item in the app's navigation (the new
 * frontend system discovers nav items from pages).
 *
 * @alpha
 */
export const cloudopsPage = PageBlueprint.make({
  params: {
    path: '/cloudops',
    title: 'CloudOps NOC',
    icon: <MonitorIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/CloudopsPage').then(m => <m.CloudopsPage />),
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
  icon: <MonitorIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  externalRoutes: { createFromTemplate: createFromTemplateRouteRef },
  extensions: [
    cloudopsApi,
    entityIncidentsContent,
    cloudopsPage,
    entityCostSavingsCard,
  ],
});

export { cloudopsTranslationRef } from './translation';
