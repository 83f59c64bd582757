import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { AuditedChanges } from '../audit/AuditedChanges';
import { testCatalogSnapshot } from '../__testUtils__/testCatalog';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { IncidentService } from './IncidentService';

jest.setTimeout(60_000);

const ana = { actor: 'user:default/ana' };

describe('IncidentService', () => {
  const databases = cloudopsTestDatabases();

  async function setup(id: TestDatabaseId) {
    const { database } = await databases.create(id);
    const catalog = await testCatalogSnapshot();
    const auditor = mockServices.auditor.mock();
    const service = new IncidentService(
      database,
      new AuditedChanges(database, auditor),
      catalog,
    );
    return { database, service, auditor };
  }

  it.each(databases.ids)(
    'walks the lifecycle and records it on %p',
    async id => {
      const { database, service } = await setup(id);
      const incident = await service.create(
        {
          title: 'Checkout errors',
          severity: 'high',
          entityRef: 'component:default/checkout',
        },
        ana,
      );
      expect(incident).toMatchObject({
        state: 'open',
        createdBy: 'user:default/ana',
        systemRef: 'system:default/shop',
        ownerRef: 'group:default/team-checkout',
      });

      const acked = await service.transition(incident.id, 'acknowledged', {
        ...ana,
        note: 'on it',
      });
      expect(acked.state).toBe('acknowledged');
      expect(acked.acknowledgedAt).toBeDefined();
      const mitigated = await service.transition(incident.id, 'mitigated', ana);
      expect(mitigated.mitigatedAt).toBeDefined();
      const resolved = await service.transition(incident.id, 'resolved', ana);
      expect(resolved.resolvedAt).toBeDefined();
      const reopened = await service.transition(incident.id, 'open', ana);
      expect(reopened).toMatchObject({
        state: 'open',
        resolvedAt: undefined,
        acknowledgedAt: acked.acknowledgedAt,
      });

      await service.update(
        incident.id,
        { severity: 'critical', assignee: 'user:default/ben' },
        ana,
      );
      await service.addNote(incident.id, 'Rolled back release 42', ana);

      const detail = await service.get(incident.id);
      expect(detail.severity).toBe('critical');
      expect(detail.assignee).toBe('user:default/ben');
      expect(detail.timeline.map(e => [e.type, e.message])).toEqual([
        ['opened', 'Opened by user:default/ana: Checkout errors'],
        ['state', 'Moved to acknowledged by user:default/ana: on it'],
        ['state', 'Moved to mitigated by user:default/ana'],
        ['state', 'Moved to resolved by user:default/ana'],
        ['state', 'Reopened by user:default/ana'],
        ['severity', 'Severity high → critical by user:default/ana'],
        ['assignee', 'Assigned to user:default/ben by user:default/ana'],
        ['note', 'Rolled back release 42'],
      ]);

      const audit = await database.stores.audit.list({ limit: 20 });
      expect(audit.map(a => a.action).reverse()).toEqual([
        'incident-create',
        'incident-transition',
        'incident-transition',
        'incident-transition',
        'incident-transition',
        'incident-update',
        'incident-note',
      ]);
      expect(
        audit.every(
          a => a.actor === 'user:default/ana' && a.outcome === 'succeeded',
        ),
      ).toBe(true);
    },
  );

  it.each(databases.ids)(
    'counts a direct resolve as the acknowledgement on %p',
    async id => {
      const { service } = await setup(id);
      const incident = await service.create(
        { title: 'x', severity: 'info' },
        ana,
      );
      const resolved = await service.transition(incident.id, 'resolved', ana);
      expect(resolved.acknowledgedAt).toBe(resolved.resolvedAt);
    },
  );

  it.each(databases.ids)(
    'refuses illegal transitions and unknown incidents, and audits the failure on %p',
    async id => {
      const { database, service, auditor } = await setup(id);
      const incident = await service.create(
        { title: 'x', severity: 'info' },
        ana,
      );
      await expect(
        service.transition(incident.id, 'open', ana),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: `Incident ${incident.id} is open; it can go to acknowledged, mitigated, resolved, not open`,
      });
      await service.transition(incident.id, 'acknowledged', ana);
      await expect(
        service.transition(incident.id, 'acknowledged', ana),
      ).rejects.toMatchObject({
        name: 'ConflictError',
      });
      await expect(
        service.addNote('00000000-0000-4000-8000-000000000000', 'x', ana),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
      });
      await expect(service.get('nope')).rejects.toMatchObject({
        name: 'NotFoundError',
      });

      const failed = (await database.stores.audit.list({ limit: 20 })).filter(
        a => a.outcome === 'failed',
      );
      expect(failed.map(a => a.action)).toEqual([
        'incident-note',
        'incident-transition',
        'incident-transition',
      ]);
      expect((await service.get(incident.id)).state).toBe('acknowledged');
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'incident-transition' }),
      );
    },
  );
});
