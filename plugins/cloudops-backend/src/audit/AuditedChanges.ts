import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { CloudopsDatabase, CloudopsStores } from '../database/CloudopsDatabase';

/** What is being done, by whom, to what. */
export interface AuditedAction {
  /** kebab-case, e.g. `incident-transition`. */
  action: string;
  /** A user or service ref, or `cloudops` for the engine. */
  actor: string;
  target?: string;
  meta?: JsonObject;
  request?: Request;
}

/**
 * Runs a change in one database transaction and records it in the plugin's
 * append-only audit table (in the same transaction, so a change is never
 * committed unaudited) and in Backstage's auditor. A change that fails is
 * audited as failed.
 */
export class AuditedChanges {
  constructor(
    private readonly database: CloudopsDatabase,
    private readonly auditor: AuditorService,
  ) {}

  async run<T>(
    action: AuditedAction,
    work: (stores: CloudopsStores) => Promise<T>,
    describe: (result: T) => JsonObject = () => ({}),
  ): Promise<T> {
    const event = await this.auditor.createEvent({
      eventId: action.action,
      severityLevel: 'medium',
      request: action.request,
      meta: {
        actor: action.actor,
        target: action.target ?? null,
        ...action.meta,
      },
    });
    try {
      const result = await this.database.transaction(async stores => {
        const value = await work(stores);
        await stores.audit.append(
          {
            action: action.action,
            actor: action.actor,
            target: action.target,
            outcome: 'succeeded',
            meta: { ...action.meta, ...describe(value) },
          },
          new Date(),
        );
        return value;
      });
      await event.success({ meta: describe(result) });
      return result;
    } catch (error) {
      // The change's own error is what the caller gets, and Backstage's
      // auditor hears of it even if the audit table cannot be written.
      const unwritten = await this.database.stores.audit
        .append(
          {
            action: action.action,
            actor: action.actor,
            target: action.target,
            outcome: 'failed',
            meta: { ...action.meta, error: String((error as Error).message) },
          },
          new Date(),
        )
        .then(
          () => undefined,
          (auditError: Error) => String(auditError.message),
        );
      await event.fail({
        error: error as Error,
        ...(unwritten ? { meta: { auditLogError: unwritten } } : {}),
      });
      throw error;
    }
  }
}
