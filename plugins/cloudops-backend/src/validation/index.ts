/**
 * Set-up checks of the core plugin, shared by `cloudops validate` and the
 * portal's set-up health view (`GET /api/cloudops/validate`).
 *
 * @packageDocumentation
 */
export { coreValidationChecks, databaseCheck } from './coreValidationChecks';
export {
  CLOUDOPS_CONFIG_PACKAGES,
  cloudopsConfigSchema,
  configSchemaCheck,
} from './configSchemaCheck';
export {
  callerPermissionsCheck,
  installedPolicyCheck,
} from './permissionsCheck';
