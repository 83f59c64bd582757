import { AuditorServiceEvent } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/** What the auditor was told: each event, and how it ended. */
export interface AuditRecord {
  eventId: string;
  meta?: Record<string, unknown>;
  outcome?: 'succeeded' | 'failed';
  error?: string;
}

/** An auditor that keeps every event it is given. */
export function recordingAuditor() {
  const audit: AuditRecord[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async options => {
      const record: AuditRecord = {
        eventId: options.eventId,
        meta: options.meta as Record<string, unknown>,
      };
      audit.push(record);
      const event: AuditorServiceEvent = {
        success: async params => {
          record.outcome = 'succeeded';
          record.meta = { ...record.meta, ...params?.meta };
        },
        fail: async params => {
          record.outcome = 'failed';
          record.error = String(params.error?.message ?? params.error);
        },
      };
      return event;
    },
  });
  return { audit, auditor };
}
