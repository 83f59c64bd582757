import { mockServices } from '@backstage/backend-test-utils';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { AuditedChanges } from './AuditedChanges';

describe('AuditedChanges', () => {
  const databases = cloudopsTestDatabases();

  function auditor() {
    const event = { success: jest.fn(), fail: jest.fn() };
    const service = mockServices.auditor.mock({
      createEvent: jest.fn(async () => event),
    });
    return { service, event };
  }

  it.each(databases.ids)(
    'audits a change that failed, as failed, and rethrows its error, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { service, event } = auditor();
      const failure = new Error('No incident x');
      await expect(
        new AuditedChanges(database, service).run(
          { action: 'incident-note', actor: 'user:default/ana', target: 'x' },
          async () => {
            throw failure;
          },
        ),
      ).rejects.toBe(failure);
      const [entry] = await database.stores.audit.list({ limit: 1 });
      expect([entry.action, entry.outcome, entry.target]).toEqual([
        'incident-note',
        'failed',
        'x',
      ]);
      expect(event.fail).toHaveBeenCalledWith({ error: failure });
    },
  );

  it.each(databases.ids)(
    'still gives the change its error, and tells the auditor, when the audit table cannot be written, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { service, event } = auditor();
      jest
        .spyOn(database.stores.audit, 'append')
        .mockRejectedValue(new Error('disk full'));
      const failure = new Error('No incident x');
      await expect(
        new AuditedChanges(database, service).run(
          { action: 'incident-note', actor: 'user:default/ana', target: 'x' },
          async () => {
            throw failure;
          },
        ),
      ).rejects.toBe(failure);
      expect(event.fail).toHaveBeenCalledWith({
        error: failure,
        meta: { auditLogError: 'disk full' },
      });
    },
  );
});
