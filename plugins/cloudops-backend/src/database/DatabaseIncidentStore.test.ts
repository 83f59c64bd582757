import path from 'node:path';
import { IncidentAlertKey } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { isUniqueViolation } from './isUniqueViolation';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const t = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 10, minutes));

describe('DatabaseIncidentStore', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'creates, filters, pages and searches incidents on %p',
    async id => {
      const { database } = await databases.create(id);
      const { incidents } = database.stores;
      const a1 = await incidents.createIncident({
        title: 'Checkout latency',
        severity: 'warning',
        entityRef: 'component:default/a',
        systemRef: 'system:default/shop',
        ownerRef: 'group:default/team-a',
        account: '111111111111',
        createdBy: 'user:default/ana',
        createdAt: t(1),
        labels: { team: 'a' },
      });
      const a2 = await incidents.createIncident({
        title: 'Orders DB CPU 97%',
        description: 'RDS instance orders-db',
        severity: 'critical',
        entityRef: 'component:default/a',
        createdBy: 'cloudops',
        createdAt: t(2),
      });
      const b = await incidents.createIncident({
        title: 'unlinked alert',
        severity: 'info',
        createdBy: 'external:prometheus',
        createdAt: t(3),
      });
      expect(a1).toMatchObject({
        state: 'open',
        labels: { team: 'a' },
        signalCount: 0,
      });

      const forA = await incidents.listIncidents(
        { entityRef: 'component:default/a' },
        { limit: 10, offset: 0 },
      );
      expect(forA).toEqual({ items: [a2, a1], totalCount: 2 });

      const page = await incidents.listIncidents({}, { limit: 1, offset: 1 });
      expect(page.totalCount).toBe(3);
      expect(page.items.map(i => i.id)).toEqual([a2.id]);

      const bySeverity = await incidents.listIncidents(
        { severity: ['critical', 'info'] },
        { limit: 10, offset: 0 },
      );
      expect(bySeverity.items.map(i => i.id)).toEqual([b.id, a2.id]);

      const text = await incidents.listIncidents(
        { text: 'ORDERS-db' },
        { limit: 10, offset: 0 },
      );
      expect(text.items.map(i => i.id)).toEqual([a2.id]);

      const percent = await incidents.listIncidents(
        { text: '97%' },
        { limit: 10, offset: 0 },
      );
      expect(percent.items.map(i => i.id)).toEqual([a2.id]);

      const scoped = await incidents.listIncidents(
        {
          systemRef: 'system:default/shop',
          ownerRef: 'group:default/team-a',
          account: '111111111111',
          from: t(0),
          to: t(2),
        },
        { limit: 10, offset: 0 },
      );
      expect(scoped.items.map(i => i.id)).toEqual([a1.id]);
    },
  );

  it.each(databases.ids)(
    'keeps an incident whose title is longer than its column, cut and marked, on %p',
    async id => {
      const { database } = await databases.create(id);
      const incident = await database.stores.incidents.createIncident({
        title: `CPU high: ${'x'.repeat(400)}`,
        severity: 'high',
        createdBy: 'cloudops',
        createdAt: t(0),
      });
      expect(incident.title).toHaveLength(300);
      expect(incident.title.endsWith('x…')).toBe(true);
    },
  );

  it.each(databases.ids)(
    'updates incidents, keeps timelines and one holder per open key on %p',
    async id => {
      const { database } = await databases.create(id);
      const { incidents } = database.stores;
      const one = await incidents.createIncident({
        title: 'one',
        severity: 'warning',
        createdBy: 'cloudops',
        createdAt: t(0),
      });
      const two = await incidents.createIncident({
        title: 'two',
        severity: 'warning',
        createdBy: 'cloudops',
        createdAt: t(0),
      });
      const updated = await incidents.updateIncident(one.id, {
        state: 'acknowledged',
        severity: 'high',
        assignee: 'user:default/ana',
        acknowledgedAt: t(5),
        signals: { count: 2, lastAt: t(4) },
        updatedAt: t(5),
      });
      expect(updated).toMatchObject({
        state: 'acknowledged',
        severity: 'high',
        assignee: 'user:default/ana',
        acknowledgedAt: t(5).toISOString(),
        signalCount: 2,
        lastSignalAt: t(4).toISOString(),
      });

      await incidents.appendEvent(one.id, {
        type: 'opened',
        actor: 'cloudops',
        message: 'opened',
        createdAt: t(0),
      });
      await incidents.appendEvent(one.id, {
        type: 'note',
        actor: 'user:default/ana',
        message: 'looking',
        data: { n: 1 },
        createdAt: t(1),
      });
      const timeline = await incidents.getTimeline(one.id);
      expect(timeline.map(e => [e.type, e.message, e.data])).toEqual([
        ['opened', 'opened', {}],
        ['note', 'looking', { n: 1 }],
      ]);

      const key: IncidentAlertKey = {
        dedupKey: 'cpu:component:default/a',
        entityRef: 'component:default/a',
        ruleId: 'cpu',
        severity: 'critical',
        status: 'firing',
        firstSeenAt: t(0).toISOString(),
        lastSeenAt: t(1).toISOString(),
      };
      await incidents.putOpenKey(one.id, key);
      await incidents.putOpenKey(one.id, {
        ...key,
        lastSeenAt: t(2).toISOString(),
      });
      expect(await incidents.getOpenKeys(one.id)).toEqual([
        { ...key, lastSeenAt: t(2).toISOString() },
      ]);
      expect(await incidents.getOpenKey(one.id, key.dedupKey)).toEqual({
        ...key,
        lastSeenAt: t(2).toISOString(),
      });
      expect(await incidents.getOpenKey(two.id, key.dedupKey)).toBeUndefined();
      expect(await incidents.getOpenKey(one.id, 'other')).toBeUndefined();
      expect((await incidents.findIncidentByOpenKey(key.dedupKey))?.id).toBe(
        one.id,
      );
      const found = await incidents.findOpenIncidentsForEntities(
        ['component:default/a', 'component:default/b'],
        t(1),
      );
      expect(found.map(i => i.id)).toEqual([one.id]);
      expect(
        await incidents.findOpenIncidentsForEntities(
          ['component:default/a'],
          t(3),
        ),
      ).toEqual([]);

      const conflict = await incidents.putOpenKey(two.id, key).catch(e => e);
      expect(isUniqueViolation(conflict)).toBe(true);

      await incidents.clearOpenKeys(one.id);
      expect(
        await incidents.findIncidentByOpenKey(key.dedupKey),
      ).toBeUndefined();
    },
  );

  it.each(databases.ids)(
    'computes MTTA, MTTR, groups and series on %p',
    async id => {
      const { database } = await databases.create(id);
      const { incidents } = database.stores;
      const mk = async (
        severity: 'critical' | 'warning',
        minute: number,
        system: string,
      ) =>
        incidents.createIncident({
          title: `${severity} ${minute}`,
          severity,
          systemRef: system,
          createdBy: 'cloudops',
          createdAt: t(minute),
        });
      const a = await mk('critical', 0, 'system:default/shop');
      const b = await mk('warning', 10, 'system:default/shop');
      await mk('warning', 40, 'system:default/data');
      // a: acknowledged after 2 min, resolved after 30; b: acknowledged after 4 min.
      await incidents.updateIncident(a.id, {
        state: 'resolved',
        acknowledgedAt: t(2),
        resolvedAt: t(30),
        updatedAt: t(30),
      });
      await incidents.updateIncident(b.id, {
        state: 'acknowledged',
        acknowledgedAt: t(14),
        updatedAt: t(14),
      });

      const stats = await incidents.stats(
        { from: t(0), to: t(60) },
        { groupBy: 'system', bucketSeconds: 1800 },
      );
      expect(stats).toMatchObject({
        total: 3,
        open: 2,
        bySeverity: { critical: 1, high: 0, warning: 2, info: 0 },
        byState: { open: 1, acknowledged: 1, mitigated: 0, resolved: 1 },
        mttaSeconds: 180,
        mttrSeconds: 1800,
      });
      const none = { critical: 0, high: 0, warning: 0, info: 0 };
      expect(stats.groups).toEqual([
        {
          key: 'system:default/shop',
          count: 2,
          open: 1,
          openBySeverity: { ...none, warning: 1 },
        },
        {
          key: 'system:default/data',
          count: 1,
          open: 1,
          openBySeverity: { ...none, warning: 1 },
        },
      ]);
      expect(stats.series).toEqual([
        { start: t(0).toISOString(), count: 2 },
        { start: t(30).toISOString(), count: 1 },
      ]);
    },
  );

  it.each(databases.ids)(
    'groups by two dimensions, by candidate root cause, and limits groups on %p',
    async id => {
      const { database } = await databases.create(id);
      const { incidents } = database.stores;
      const mk = (
        severity: 'critical' | 'high' | 'warning',
        system: string,
        account: string,
        candidate: string,
      ) =>
        incidents.createIncident({
          title: `${severity} ${system} ${account}`,
          severity,
          systemRef: system,
          account,
          candidateEntityRef: candidate,
          createdBy: 'cloudops',
          createdAt: t(1),
        });
      const shop = 'system:default/shop';
      const data = 'system:default/data';
      const db = 'resource:default/orders-db';
      await mk('critical', shop, '111', db);
      await mk('high', shop, '111', db);
      const resolved = await mk(
        'warning',
        shop,
        '222',
        'component:default/web',
      );
      await mk('warning', data, '111', db);
      await incidents.updateIncident(resolved.id, {
        state: 'resolved',
        resolvedAt: t(5),
        updatedAt: t(5),
      });

      const heat = await incidents.stats(
        {},
        { groupBy: 'system', thenBy: 'account', bucketSeconds: 3600 },
      );
      expect(heat.thenBy).toBe('account');
      expect(heat.groups).toHaveLength(3);
      expect(heat.groups![0]).toEqual({
        key: shop,
        subKey: '111',
        count: 2,
        open: 2,
        openBySeverity: { critical: 1, high: 1, warning: 0, info: 0 },
      });
      expect(
        heat.groups!.map(g => [g.key, g.subKey, g.count, g.open]).slice(1),
      ).toEqual(
        expect.arrayContaining([
          [shop, '222', 1, 0],
          [data, '111', 1, 1],
        ]),
      );

      const suspects = await incidents.stats(
        { state: ['open'] },
        { groupBy: 'candidate', groupLimit: 1, bucketSeconds: 3600 },
      );
      expect(suspects.groups).toEqual([
        {
          key: db,
          count: 3,
          open: 3,
          openBySeverity: { critical: 1, high: 1, warning: 1, info: 0 },
        },
      ]);
    },
  );

  it.each(databases.ids)(
    'stores a redelivered signal once, and audits on %p',
    async id => {
      const { database } = await databases.create(id);
      const { signals, audit } = database.stores;
      const signal = {
        id: 'sig-1',
        fingerprint: 'f1',
        source: 'api',
        kind: 'metric' as const,
        name: 'cpu',
        value: 97.5,
        labels: { pod: 'a' },
        timestamp: t(1).toISOString(),
      };
      expect([...(await signals.insertNew([signal, signal], t(2)))]).toEqual([
        'sig-1',
      ]);
      expect([...(await signals.insertNew([signal], t(3)))]).toEqual([]);

      await audit.append(
        {
          action: 'incident-create',
          actor: 'user:default/ana',
          target: 'x',
          outcome: 'succeeded',
          meta: { a: 1 },
        },
        t(1),
      );
      await audit.append(
        {
          action: 'incident-note',
          actor: 'user:default/ana',
          target: 'y',
          outcome: 'failed',
          meta: {},
        },
        t(2),
      );
      const entries = await audit.list({ limit: 10 });
      expect(entries.map(e => [e.action, e.outcome, e.target])).toEqual([
        ['incident-note', 'failed', 'y'],
        ['incident-create', 'succeeded', 'x'],
      ]);
      expect(await audit.list({ target: 'x', limit: 10 })).toHaveLength(1);
    },
  );

  it.each(databases.ids)(
    'migrates down and up again cleanly on %p',
    async id => {
      const { knex } = await databases.create(id);
      const directory = path.resolve(__dirname, '../../migrations');
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('incidents')).toBe(false);
      expect(await knex.schema.hasTable('signals')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('incident_events')).toBe(true);
    },
  );
});
