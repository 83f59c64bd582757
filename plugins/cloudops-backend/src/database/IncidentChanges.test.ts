import { mockServices } from '@backstage/backend-test-utils';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { CloudopsDatabase } from './CloudopsDatabase';
import { IncidentChange } from './IncidentChanges';

jest.setTimeout(60_000);

const at = new Date('2026-11-22T10:00:00Z');

describe('incident change hooks', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'hand each transaction’s changes to the hooks before and after commit on %p',
    async id => {
      const { database } = await databases.create(id);
      const before: IncidentChange[][] = [];
      const after: IncidentChange[][] = [];
      database.onIncidentChanges({
        async beforeCommit(stores, changes) {
          before.push(changes);
          // Written in the same transaction as the change.
          await stores.audit.append(
            {
              action: 'hook-saw',
              actor: 'test',
              outcome: 'succeeded',
              meta: { n: changes.length },
            },
            at,
          );
        },
        afterCommit(changes) {
          after.push(changes);
        },
      });

      const incident = await database.transaction(async stores => {
        const created = await stores.incidents.createIncident({
          title: 'Checkout down',
          severity: 'critical',
          createdBy: 'test',
          createdAt: at,
        });
        await stores.incidents.appendEvent(created.id, {
          type: 'opened',
          actor: 'test',
          message: 'opened',
          createdAt: at,
        });
        await stores.incidents.appendEvent(created.id, {
          type: 'note',
          actor: 'user:default/ana',
          message: 'looking',
          createdAt: at,
        });
        return created;
      });

      expect(before).toHaveLength(1);
      expect(before[0].map(c => [c.incidentId, c.type])).toEqual([
        [incident.id, 'opened'],
        [incident.id, 'note'],
      ]);
      expect(after).toEqual(before);
      const audit = await database.stores.audit.list({ limit: 10 });
      expect(audit.map(a => [a.action, a.meta])).toEqual([
        ['hook-saw', { n: 2 }],
      ]);

      // A transaction without incident changes calls no hook.
      await database.transaction(async stores =>
        stores.audit.append(
          { action: 'x', actor: 'test', outcome: 'succeeded', meta: {} },
          at,
        ),
      );
      expect(before).toHaveLength(1);
    },
  );

  it.each(databases.ids)(
    'roll the change back with a failing before-commit hook, and survive a failing after-commit hook on %p',
    async id => {
      const { knex } = await databases.create(id);
      const logger = mockServices.logger.mock();
      const database = await CloudopsDatabase.create({
        database: mockServices.database({ knex }),
        logger,
      });
      let failBefore = true;
      database.onIncidentChanges({
        async beforeCommit() {
          if (failBefore) throw new Error('outbox unavailable');
        },
        afterCommit() {
          throw new Error('listener broke');
        },
      });
      const raise = () =>
        database.transaction(async stores => {
          const created = await stores.incidents.createIncident({
            title: 'Orders DB CPU',
            severity: 'high',
            createdBy: 'test',
            createdAt: at,
          });
          await stores.incidents.appendEvent(created.id, {
            type: 'opened',
            actor: 'test',
            message: 'opened',
            createdAt: at,
          });
          return created;
        });

      await expect(raise()).rejects.toThrow('outbox unavailable');
      expect(
        (
          await database.stores.incidents.listIncidents(
            {},
            { limit: 10, offset: 0 },
          )
        ).totalCount,
      ).toBe(0);

      failBefore = false;
      await expect(raise()).resolves.toMatchObject({ title: 'Orders DB CPU' });
      expect(logger.error).toHaveBeenCalledWith(
        'Incident change hook failed: Error: listener broke',
      );
    },
  );
});
