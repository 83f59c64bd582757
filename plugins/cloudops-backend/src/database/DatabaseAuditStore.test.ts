import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';

describe('DatabaseAuditStore', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'keeps an entry whose values are longer than their columns, cut and marked, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { audit } = database.stores;
      await audit.append(
        {
          action: `incident-${'x'.repeat(100)}`,
          actor: `user:default/${'a'.repeat(300)}`,
          target: 'b'.repeat(300),
          outcome: 'failed',
          meta: { error: 'No incident' },
        },
        new Date(Date.UTC(2026, 10, 23)),
      );
      const [entry] = await audit.list({ limit: 1 });
      expect(entry.action).toHaveLength(64);
      expect(entry.actor).toHaveLength(255);
      expect(entry.target).toBe(`${'b'.repeat(254)}…`);
      expect(entry.meta).toEqual({ error: 'No incident' });
    },
  );
});
