import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The portal-wide CloudOps page (NOC dashboard, incidents, graph).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'cloudops' });
