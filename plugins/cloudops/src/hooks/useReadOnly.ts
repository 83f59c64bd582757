import { configApiRef, useApi } from '@backstage/core-plugin-api';

/**
 * Whether the deployment runs read-only (`cloudops.readOnly`, visible to the
 * frontend): nothing is changed in clouds, so run buttons are disabled. The
 * backend enforces it regardless.
 */
export function useReadOnly(): boolean {
  return useApi(configApiRef).getOptionalBoolean('cloudops.readOnly') ?? false;
}
