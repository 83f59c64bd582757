/**
 * CloudOps AI for Backstage: incidents, root cause and savings on every service page.
 *
 * This entry point is for apps on the legacy frontend system; apps on the new
 * frontend system install `@cloudops-ai/backstage-plugin-cloudops/alpha`.
 *
 * @packageDocumentation
 */

export {
  cloudopsPlugin,
  CloudopsPage,
  EntityCloudopsIncidentsContent,
  EntityCloudopsCostSavingsCard,
} from './plugin';
export { isCloudopsAvailable } from './isCloudopsAvailable';
export { cloudopsApiRef, CloudopsClient } from './api';
export type {
  CloudopsApi,
  IncidentQuery,
  OpportunityQuery,
  RemediationInput,
  StatsQuery,
} from './api';
export { createFromTemplateRouteRef, rootRouteRef } from './routes';
export {
  INCIDENT_REMEDIATION_TEMPLATES,
  templateLaunchUrl,
} from './remediationTemplates';
export { cloudopsTranslationRef } from './translation';
