import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ActionAuditEntry } from './actions';

/**
 * The CloudOps audit log, for modules that change things on their own
 * routes (the demo fleet's scenarios).
 *
 * @public
 */
export interface CloudopsAuditExtensionPoint {
  /**
   * Writes an entry to the plugin's append-only audit table and to
   * Backstage's auditor. An entry written before the plugin has started
   * waits for it.
   */
  audit(entry: ActionAuditEntry): Promise<void>;
}

/** @public */
export const cloudopsAuditExtensionPoint =
  createExtensionPoint<CloudopsAuditExtensionPoint>({
    id: 'cloudops.audit',
  });
