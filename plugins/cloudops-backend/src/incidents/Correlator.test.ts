import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { testCatalogSnapshot } from '../__testUtils__/testCatalog';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { AuditedChanges } from '../audit/AuditedChanges';
import { AlertTransition, Correlator } from './Correlator';
import { IncidentService } from './IncidentService';

jest.setTimeout(60_000);

const minute = 60_000;
const t0 = Date.UTC(2026, 10, 22, 10, 0);
const at = (minutes: number) => new Date(t0 + minutes * minute);

function alert(
  dedupKey: string,
  entityRef: string | undefined,
  minutes: number,
  overrides: Partial<AlertTransition> = {},
): AlertTransition {
  return {
    status: 'firing',
    dedupKey,
    ruleId: dedupKey.split(':')[0],
    severity: 'warning',
    title: `${dedupKey} alert`,
    reason: 'value 97 > 95',
    labels: {},
    entityRef,
    signalId: `${dedupKey}-${minutes}`,
    signalFingerprint: dedupKey,
    at: at(minutes),
    ...overrides,
  };
}

describe('Correlator', () => {
  const databases = cloudopsTestDatabases();

  async function setup(id: TestDatabaseId) {
    const { database } = await databases.create(id);
    const catalog = await testCatalogSnapshot();
    const correlator = new Correlator(catalog, {
      windowMs: 10 * minute,
      reopenWindowMs: 30 * minute,
      maxHops: 2,
    });
    const apply = (t: AlertTransition) =>
      database.transaction(stores => correlator.apply(stores, t));
    const service = new IncidentService(
      database,
      new AuditedChanges(database, mockServices.auditor.mock()),
      catalog,
    );
    return { database, apply, service };
  }

  async function openIncidents(database: CloudopsDatabase) {
    return (
      await database.stores.incidents.listIncidents(
        { state: ['open', 'acknowledged', 'mitigated'] },
        { limit: 100, offset: 0 },
      )
    ).items;
  }

  it.each(databases.ids)(
    'groups repeats of a dedup key into one incident on %p',
    async id => {
      const { database, apply } = await setup(id);
      const first = await apply(
        alert('cpu:checkout', 'component:default/checkout', 0),
      );
      const again = await apply(
        alert('cpu:checkout', 'component:default/checkout', 1),
      );
      expect(again!.id).toBe(first!.id);
      expect(again).toMatchObject({
        state: 'open',
        signalCount: 2,
        systemRef: 'system:default/shop',
        ownerRef: 'group:default/team-checkout',
        candidateEntityRef: 'component:default/checkout',
        dedupKey: 'cpu:checkout',
      });
      expect(await openIncidents(database)).toHaveLength(1);
      // A repeat while the key fires is counted, not written to the timeline.
      const timeline = await database.stores.incidents.getTimeline(first!.id);
      expect(timeline.map(e => e.type)).toEqual(['opened']);
    },
  );

  it.each(databases.ids)(
    'joins alerts on linked services and names the upstream-most as candidate on %p',
    async id => {
      const { database, apply } = await setup(id);
      const web = await apply(alert('latency:web', 'component:default/web', 0));
      // checkout is one hop from web; payments-db is two hops from checkout.
      await apply(
        alert('errors:checkout', 'component:default/checkout', 1, {
          severity: 'high',
        }),
      );
      const joined = await apply(
        alert('cpu:payments-db', 'resource:default/payments-db', 2, {
          severity: 'critical',
        }),
      );
      expect(joined!.id).toBe(web!.id);
      expect(joined).toMatchObject({
        severity: 'critical',
        candidateEntityRef: 'resource:default/payments-db',
        signalCount: 3,
      });
      expect(await openIncidents(database)).toHaveLength(1);
      const types = (await database.stores.incidents.getTimeline(web!.id)).map(
        e => e.type,
      );
      expect(types).toEqual([
        'opened',
        'correlated',
        'severity',
        'correlated',
        'correlated',
        'severity',
        'correlated',
      ]);
    },
  );

  it.each(databases.ids)(
    'keeps unrelated, far-apart, late and unlinked alerts in incidents of their own on %p',
    async id => {
      const { database, apply } = await setup(id);
      await apply(alert('cpu:web', 'component:default/web', 0));
      await apply(alert('cpu:inventory', 'component:default/inventory', 1)); // not linked
      await apply(alert('cpu:payments-db', 'resource:default/payments-db', 2)); // 3 hops from web
      await apply(alert('cpu:checkout', 'component:default/checkout', 30)); // linked, but outside the window
      await apply(alert('node:ip-10-0-0-1', undefined, 3)); // unknown entity
      const open = await openIncidents(database);
      expect(open.map(i => i.dedupKey).sort()).toEqual([
        'cpu:checkout',
        'cpu:inventory',
        'cpu:payments-db',
        'cpu:web',
        'node:ip-10-0-0-1',
      ]);
      expect(open.every(i => i.signalCount === 1)).toBe(true);
      const unlinked = open.find(i => i.dedupKey === 'node:ip-10-0-0-1');
      expect(unlinked).toMatchObject({
        entityRef: undefined,
        candidateEntityRef: undefined,
      });
    },
  );

  it.each(databases.ids)(
    'downgrades when one key clears and resolves when the last does on %p',
    async id => {
      const { database, apply } = await setup(id);
      const incident = await apply(
        alert('cpu:checkout', 'component:default/checkout', 0),
      );
      await apply(
        alert('errors:payments', 'component:default/payments', 1, {
          severity: 'critical',
        }),
      );
      const downgraded = await apply(
        alert('errors:payments', 'component:default/payments', 5, {
          status: 'resolved',
        }),
      );
      expect(downgraded).toMatchObject({
        id: incident!.id,
        state: 'open',
        severity: 'warning',
      });
      const resolved = await apply(
        alert('cpu:checkout', 'component:default/checkout', 6, {
          status: 'resolved',
        }),
      );
      expect(resolved).toMatchObject({
        state: 'resolved',
        resolvedAt: at(6).toISOString(),
      });
      expect(await database.stores.incidents.getOpenKeys(incident!.id)).toEqual(
        [],
      );
      // A resolution for a key nobody holds changes nothing.
      expect(
        await apply(
          alert('cpu:checkout', 'component:default/checkout', 7, {
            status: 'resolved',
          }),
        ),
      ).toBeUndefined();
    },
  );

  it.each(databases.ids)(
    'reopens on recurrence within the window, opens anew after it on %p',
    async id => {
      const { database, apply } = await setup(id);
      const first = await apply(alert('cpu:web', 'component:default/web', 0));
      await apply(
        alert('cpu:web', 'component:default/web', 5, { status: 'resolved' }),
      );
      const reopened = await apply(
        alert('cpu:web', 'component:default/web', 20),
      );
      expect(reopened).toMatchObject({
        id: first!.id,
        state: 'open',
        resolvedAt: undefined,
      });
      const timeline = await database.stores.incidents.getTimeline(first!.id);
      expect(
        timeline.filter(e => e.type === 'state').map(e => e.data.to),
      ).toEqual(['resolved', 'open']);

      await apply(
        alert('cpu:web', 'component:default/web', 25, { status: 'resolved' }),
      );
      const fresh = await apply(alert('cpu:web', 'component:default/web', 60));
      expect(fresh!.id).not.toBe(first!.id);
    },
  );

  it.each(databases.ids)(
    'reopens at the severity of what recurred, not of alerts that had cleared, on %p',
    async id => {
      const { database, apply } = await setup(id);
      const first = await apply(alert('a:web', 'component:default/web', 0));
      await apply(
        alert('b:checkout', 'component:default/checkout', 1, {
          severity: 'critical',
        }),
      );
      await apply(
        alert('a:web', 'component:default/web', 2, { status: 'resolved' }),
      );
      await apply(
        alert('b:checkout', 'component:default/checkout', 3, {
          status: 'resolved',
        }),
      );
      const reopened = await apply(alert('a:web', 'component:default/web', 5));
      expect(reopened).toMatchObject({
        id: first!.id,
        state: 'open',
        severity: 'warning',
      });
      const timeline = await database.stores.incidents.getTimeline(first!.id);
      expect(timeline.map(e => e.message)).toContain(
        'Reopened at warning (was critical)',
      );
    },
  );

  it.each(databases.ids)(
    'never resolves an incident before it opened (a clearing signal that came late), on %p',
    async id => {
      const { apply } = await setup(id);
      await apply(alert('cpu:web', 'component:default/web', 5));
      const resolved = await apply(
        alert('cpu:web', 'component:default/web', 3, { status: 'resolved' }),
      );
      expect(resolved).toMatchObject({
        state: 'resolved',
        createdAt: at(5).toISOString(),
        resolvedAt: at(5).toISOString(),
      });
    },
  );

  it.each(databases.ids)(
    'reopens on the recurrence of any key it held, not only the one that opened it, on %p',
    async id => {
      const { apply } = await setup(id);
      const first = await apply(
        alert('latency:web', 'component:default/web', 0),
      );
      await apply(alert('errors:checkout', 'component:default/checkout', 1));
      await apply(
        alert('latency:web', 'component:default/web', 2, {
          status: 'resolved',
        }),
      );
      const resolved = await apply(
        alert('errors:checkout', 'component:default/checkout', 3, {
          status: 'resolved',
        }),
      );
      expect(resolved!.state).toBe('resolved');
      const again = await apply(
        alert('errors:checkout', 'component:default/checkout', 8),
      );
      expect(again).toMatchObject({ id: first!.id, state: 'open' });
      // Its other key is held again: its recurrence joins, not a new one.
      const web = await apply(alert('latency:web', 'component:default/web', 9));
      expect(web!.id).toBe(first!.id);
    },
  );

  it.each(databases.ids)(
    'gives an incident a person reopens its keys back: its alert clears it, its recurrence joins it, on %p',
    async id => {
      const { apply, service } = await setup(id);
      const person = { actor: 'user:default/ana' };
      const first = await apply(alert('cpu:web', 'component:default/web', 0));
      await service.transition(first!.id, 'resolved', person);
      await service.transition(first!.id, 'open', person);
      const recurred = await apply(
        alert('cpu:web', 'component:default/web', 1),
      );
      expect(recurred!.id).toBe(first!.id);
      const cleared = await apply(
        alert('cpu:web', 'component:default/web', 2, { status: 'resolved' }),
      );
      expect(cleared).toMatchObject({ id: first!.id, state: 'resolved' });
    },
  );
});
