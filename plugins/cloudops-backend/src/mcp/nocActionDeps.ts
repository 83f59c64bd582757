import { PermissionsService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { JsonObject } from '@backstage/types';
import { RemediationService } from '../actions/RemediationService';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { IncidentService } from '../incidents/IncidentService';

/** What the NOC's AI-callable actions work with. */
export interface NocActionDeps {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  database: CloudopsDatabase;
  incidents: IncidentService;
  remediations: RemediationService;
}

/** A value as the action's caller receives it (dates as ISO 8601 strings). */
export function asJson<T>(value: T): JsonObject {
  return JSON.parse(JSON.stringify(value));
}
