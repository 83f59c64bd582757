import { createPermission } from '@backstage/plugin-permission-common';
import { cloudopsDemoScenarioRunPermission } from './demo';

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
 * Change an incident: transitions, severity, assignee, notes.
 *
 * @public
 */
export const cloudopsIncidentUpdatePermission = createPermission({
  name: 'cloudops.incident.update',
  attributes: { action: 'update' },
});

/**
 * Push signals into the engine (service principals: sources, webhooks).
 *
 * @public
 */
export const cloudopsSignalCreatePermission = createPermission({
  name: 'cloudops.signal.create',
  attributes: { action: 'create' },
});

/**
 * Read the audit log.
 *
 * @public
 */
export const cloudopsAuditReadPermission = createPermission({
  name: 'cloudops.audit.read',
  attributes: { action: 'read' },
});

/**
 * Read detector health: every scheduled detector's runs per shard (account,
 * cluster), with their errors.
 *
 * @public
 */
export const cloudopsDetectorReadPermission = createPermission({
  name: 'cloudops.detector.read',
  attributes: { action: 'read' },
});

/**
 * Read what the dispatcher sent and is sending (the outbox) and remediation
 * requests with their approvals.
 *
 * @public
 */
export const cloudopsActionReadPermission = createPermission({
  name: 'cloudops.action.read',
  attributes: { action: 'read' },
});

/**
 * Send a dead-lettered delivery again.
 *
 * @public
 */
export const cloudopsActionRetryPermission = createPermission({
  name: 'cloudops.action.retry',
  attributes: { action: 'update' },
});

/**
 * Request a remediation on an incident (rules request them as the engine).
 *
 * @public
 */
export const cloudopsRemediationExecutePermission = createPermission({
  name: 'cloudops.remediation.execute',
  attributes: { action: 'create' },
});

/**
 * Approve or reject a remediation request, in the portal or in chat.
 *
 * @public
 */
export const cloudopsRemediationApprovePermission = createPermission({
  name: 'cloudops.remediation.approve',
  attributes: { action: 'update' },
});

/**
 * Read savings opportunities, their evidence and ledger history, savings
 * summaries and the weekly reports.
 *
 * @public
 */
export const cloudopsOpportunityReadPermission = createPermission({
  name: 'cloudops.opportunity.read',
  attributes: { action: 'read' },
});

/**
 * Move savings opportunities through the ledger: PR opened, approved,
 * merged, rejected, snoozed.
 *
 * @public
 */
export const cloudopsOpportunityUpdatePermission = createPermission({
  name: 'cloudops.opportunity.update',
  attributes: { action: 'update' },
});

/**
 * Read the set-up health report (`GET /validate`): configuration, rule
 * files, database, credentials and reachability of the configured sources.
 *
 * @public
 */
export const cloudopsSetupReadPermission = createPermission({
  name: 'cloudops.setup.read',
  attributes: { action: 'read' },
});

/**
 * Every permission the CloudOps plugins define.
 *
 * @public
 */
export const cloudopsPermissions = [
  cloudopsIncidentReadPermission,
  cloudopsIncidentCreatePermission,
  cloudopsIncidentUpdatePermission,
  cloudopsSignalCreatePermission,
  cloudopsAuditReadPermission,
  cloudopsDetectorReadPermission,
  cloudopsActionReadPermission,
  cloudopsActionRetryPermission,
  cloudopsRemediationExecutePermission,
  cloudopsRemediationApprovePermission,
  cloudopsDemoScenarioRunPermission,
  cloudopsOpportunityReadPermission,
  cloudopsOpportunityUpdatePermission,
  cloudopsSetupReadPermission,
];
