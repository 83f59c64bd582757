import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/**
 * The portal-wide CloudOps page (NOC dashboard, incidents, graph).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'cloudops' });

/**
 * The scaffolder's page for one template, which the remediation-template
 * links open. Bound to `scaffolder.selectedTemplate` by default in the new
 * frontend system; a legacy app binds it in `bindRoutes` (unbound, the links
 * go to the scaffolder's default mount point, `/create`).
 *
 * @public
 */
export const createFromTemplateRouteRef = createExternalRouteRef({
  id: 'cloudops-create-from-template',
  optional: true,
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});
