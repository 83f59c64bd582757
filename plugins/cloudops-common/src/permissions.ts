import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read incidents, their timelines and statistics.
 *
 * @public
 */
export const cloudopsIncidentReadPermission = createPermission({
  name: 'cloudops.incident.read',
  attributes: { action: 'read' },
});

/**
 * Raise an incident through the API.
 *
 * @public
 */
export const cloudopsIncidentCreatePermission = createPermission({
  name: 'cloudops.incident.create',
  attributes: { action: 'create' },
});

/**
 * Every permission the CloudOps plugins define.
 *
 * @public
 */
export const cloudopsPermissions = [
  cloudopsIncidentReadPermission,
  cloudopsIncidentCreatePermission,
];
