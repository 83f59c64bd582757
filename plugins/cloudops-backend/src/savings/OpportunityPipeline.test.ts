import { mockServices } from '@backstage/backend-test-utils';
import { WasteFinding } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { testCatalogSnapshot } from '../__testUtils__/testCatalog';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { idleFinding } from './__testUtils__/findings';
import { OpportunityPipeline } from './OpportunityPipeline';
import { moveOpportunity } from './SavingsLedger';
import {
  mergeOpportunity,
  moveNow,
  testPipeline,
  testValidation,
} from './__testUtils__/ledger';
import { changedMeanwhile } from './__testUtils__/changedMeanwhile';
import { StoredOpportunity } from '../database/OpportunityStore';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-02T06:00:00Z');
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);

describe('the savings pipeline and stores', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'deduplicates, updates, expires and reopens opportunities on %p',
    async id => {
      const { database } = await databases.create(id);
      const catalog = await testCatalogSnapshot();
      const pipeline = new OpportunityPipeline({
        database,
        catalog,
        auditor: mockServices.auditor.mock(),
        incidentLookbackMs: 30 * 86_400_000,
      });
      const payments = idleFinding('i-1', 70, {
        resource: {
          ...idleFinding('i-1', 70).resource,
          labels: { 'tag:service': 'payments' },
        },
      });
      // The same resource twice in one scan: one opportunity, the larger savings.
      expect(
        await pipeline.record(
          'aws-ec2',
          '111111111111',
          [
            payments,
            { ...payments, monthlySavings: 10 },
            idleFinding('i-2', 30),
          ],
          T0,
        ),
      ).toEqual({
        created: 2,
        updated: 0,
        reopened: 0,
        expired: 0,
        skipped: 0,
      });

      const store = database.stores.opportunities;
      let list = await store.list(
        {},
        { limit: 10, offset: 0, sort: 'savings' },
      );
      expect(list.totalCount).toBe(2);
      expect(list.totals).toEqual([{ currency: 'USD', monthlySavings: 100 }]);
      const [first, second] = list.items;
      expect(first).toMatchObject({
        monthlySavings: 70,
        entityRef: 'component:default/payments',
        ownerRef: 'group:default/team-a',
        state: 'detected',
        detectionCount: 1,
        remediation: {
          template: 'cloudops-ec2-stop-idle',
          parameters: { instanceId: 'i-1' },
        },
        risk: { blastRadius: { dependents: 2 }, environment: 'unknown' },
      });
      expect(first).not.toHaveProperty('dedupKey');
      expect(second.entityRef).toBeUndefined();
      expect((await store.getEvidence(first.id))?.charts[0].thresholds).toEqual(
        [{ label: 'idle', value: 10 }],
      );

      // Found again with new figures: updated in place.
      expect(
        await pipeline.record(
          'aws-ec2',
          '111111111111',
          [{ ...payments, monthlySavings: 75 }, idleFinding('i-2', 30)],
          later(1),
        ),
      ).toMatchObject({ created: 0, updated: 2, expired: 0 });
      expect(await store.get(first.id)).toMatchObject({
        monthlySavings: 75,
        detectionCount: 2,
        lastDetectedAt: later(1).toISOString(),
        firstDetectedAt: T0.toISOString(),
      });

      // A change under way is not rewritten; only its last-seen time moves.
      await database.transaction(async stores => {
        await moveOpportunity(
          stores,
          (await stores.opportunities.get(first.id))!,
          {
            to: 'pr_opened',
            actor: 'user:default/ana',
            at: later(1),
            pullRequestUrl: 'https://github.com/acme/infra/pull/1',
          },
        );
      });
      // i-2 is gone: it expires; the PR-opened one stays.
      expect(
        await pipeline.record(
          'aws-ec2',
          '111111111111',
          [{ ...payments, monthlySavings: 99 }],
          later(2),
        ),
      ).toMatchObject({ updated: 1, expired: 1 });
      expect(await store.get(first.id)).toMatchObject({
        state: 'pr_opened',
        monthlySavings: 75,
        detectionCount: 3,
      });
      expect((await store.get(second.id))?.state).toBe('expired');
      // Another shard's scan leaves this shard's opportunities alone.
      await pipeline.record('aws-ec2', '222222222222', [], later(2));
      expect((await store.get(first.id))?.state).toBe('pr_opened');

      // Found again: detected again.
      expect(
        await pipeline.record(
          'aws-ec2',
          '111111111111',
          [payments, idleFinding('i-2', 31)],
          later(3),
        ),
      ).toMatchObject({ reopened: 1 });
      expect(await store.get(second.id)).toMatchObject({
        state: 'detected',
        monthlySavings: 31,
      });
      expect(
        (await store.ledger(second.id)).map(l => `${l.from ?? ''}>${l.to}`),
      ).toEqual(['>detected', 'detected>expired', 'expired>detected']);

      list = await store.list(
        { state: ['detected'], riskLevel: ['low', 'medium', 'high'] },
        { limit: 10, offset: 0, sort: 'risk' },
      );
      expect(list.items.map(o => o.id)).toEqual([second.id]);
      expect(
        (
          await store.list(
            { ownerRef: 'group:default/team-a' },
            { limit: 10, offset: 0, sort: 'savings' },
          )
        ).totalCount,
      ).toBe(1);
      expect(
        (
          await store.list(
            { kind: ['ebs-orphan'] },
            { limit: 10, offset: 0, sort: 'savings' },
          )
        ).totalCount,
      ).toBe(0);

      const audit = await database.stores.audit.list({
        target: second.id,
        limit: 10,
      });
      expect(audit.map(a => `${a.actor}:${a.meta.from}>${a.meta.to}`)).toEqual([
        'cloudops:expired>detected',
        'cloudops:detected>expired',
        'cloudops:null>detected',
      ]);
      const moves = await store.ledgerBetween(T0, later(4));
      expect(moves.filter(m => m.to === 'pr_opened')).toMatchObject([
        {
          kind: 'ec2-idle',
          entityRef: 'component:default/payments',
          monthlySavings: 75,
          currency: 'USD',
        },
      ]);
    },
  );

  it.each(databases.ids)(
    'validates and realizes a change from post-change observations on %p',
    async id => {
      const { database } = await databases.create(id);
      const pipeline = await testPipeline(database);
      await pipeline.record('aws-ec2', 'acct', [idleFinding('i-1', 73)], T0);
      const store = database.stores.opportunities;
      const [opportunity] = (
        await store.list({}, { limit: 1, offset: 0, sort: 'savings' })
      ).items;
      await mergeOpportunity(database, opportunity.id, later(1));
      const validation = testValidation(database, 7);
      const window = (
        from: number,
        to: number,
        actualCost: number,
        applied = true,
      ) => ({
        opportunityId: opportunity.id,
        windowStart: later(from),
        windowEnd: later(to),
        applied,
        actualCost,
        costSource: 'usage-x-price',
      });
      // Two days in place: still merged. 73 a month is 0.1 an hour; it cost 0.
      expect(
        await validation.apply('aws-ec2', 'acct', [window(1, 3, 0)], later(3)),
      ).toBe(1);
      expect((await store.get(opportunity.id))?.state).toBe('merged');
      // An overlapping window and another detector's are skipped.
      expect(
        await validation.apply('aws-ec2', 'acct', [window(2, 4, 0)], later(4)),
      ).toBe(0);
      expect(
        await validation.apply('other', 'acct', [window(3, 5, 0)], later(5)),
      ).toBe(0);
      await validation.apply('aws-ec2', 'acct', [window(3, 5, 0.4)], later(5));
      let stored = await store.get(opportunity.id);
      expect(stored?.state).toBe('validated');
      expect(stored?.realizedToDate).toBeCloseTo(4.8 + 4.4, 6);
      expect(stored?.measuredMonthlySavings).toBeCloseTo(
        73 - (0.4 / 48) * 730,
        6,
      );

      await validation.apply(
        'aws-ec2',
        'acct',
        [window(5, 9, 0), window(9, 13, 0)],
        later(13),
      );
      stored = await store.get(opportunity.id);
      expect(stored?.state).toBe('realized');
      expect(stored?.realizedToDate).toBeCloseTo(4.8 + 4.4 + 9.6 + 9.6, 6);
      expect(await store.totals({})).toMatchObject({
        openCount: 0,
        potentialMonthlySavings: 0,
      });
      expect((await store.totals({})).realizedToDate).toBeCloseTo(28.4, 6);
      const days = await store.savingsByDay({}, T0, later(20));
      expect(days.reduce((s, d) => s + d.amount, 0)).toBeCloseTo(28.4, 6);
      expect(days.map(d => new Date(d.day).toISOString().slice(0, 10))).toEqual(
        ['2026-11-05', '2026-11-07', '2026-11-11', '2026-11-15'],
      );
      expect(
        (await store.observations(opportunity.id)).map(o =>
          o.savings.toFixed(1),
        ),
      ).toEqual(['4.8', '4.4', '9.6', '9.6']);
    },
  );

  it.each(databases.ids)(
    'keeps a snooze through an expiry: found again before it ends, snoozed again, on %p',
    async id => {
      const { database } = await databases.create(id);
      const pipeline = await testPipeline(database);
      await pipeline.record('aws-ec2', 'acct', [idleFinding('i-1', 73)], T0);
      const store = database.stores.opportunities;
      const [{ id: opportunityId }] = await store.listForShard(
        'aws-ec2',
        'acct',
        ['detected'],
      );
      await database.transaction(
        moveNow(opportunityId, {
          to: 'snoozed',
          actor: 'user:default/ana',
          at: T0,
          snoozeUntil: later(30),
        }),
      );
      // One scan without it (kube-state-metrics was down, say): expired.
      await pipeline.record('aws-ec2', 'acct', [], later(1));
      expect(await store.get(opportunityId)).toMatchObject({
        state: 'expired',
        snoozedUntil: later(30).toISOString(),
      });
      expect(
        await pipeline.record(
          'aws-ec2',
          'acct',
          [idleFinding('i-1', 73)],
          later(2),
        ),
      ).toMatchObject({ reopened: 1 });
      expect(await store.get(opportunityId)).toMatchObject({
        state: 'snoozed',
        snoozedUntil: later(30).toISOString(),
      });
      // Expired again, found after the snooze ended: detected.
      await pipeline.record('aws-ec2', 'acct', [], later(3));
      await pipeline.record(
        'aws-ec2',
        'acct',
        [idleFinding('i-1', 73)],
        later(31),
      );
      const woken = await store.get(opportunityId);
      expect(woken?.state).toBe('detected');
      expect(woken?.snoozedUntil).toBeUndefined();
      expect(
        (await store.ledger(opportunityId)).map(l => `${l.from ?? ''}>${l.to}`),
      ).toEqual([
        '>detected',
        'detected>snoozed',
        'snoozed>expired',
        'expired>detected',
        'detected>snoozed',
        'snoozed>expired',
        'expired>detected',
      ]);
    },
  );

  it.each(databases.ids)(
    'records the shard of every re-detection, on %p',
    async id => {
      const { database } = await databases.create(id);
      const pipeline = await testPipeline(database);
      const findings = [idleFinding('i-1', 73), idleFinding('i-2', 30)];
      await pipeline.record('aws-ec2', 'old', findings, T0);
      const store = database.stores.opportunities;
      const [first, second] = await store.listForShard('aws-ec2', 'old', [
        'detected',
      ]);
      await mergeOpportunity(database, first.id, later(1));
      // The shards were renamed: the same resources, found on the new one.
      await pipeline.record('aws-ec2', 'new', findings, later(2));
      expect(await store.get(first.id)).toMatchObject({
        state: 'merged',
        shard: 'new',
        lastDetectedAt: later(2).toISOString(),
      });
      expect((await store.get(second.id))?.shard).toBe('new');
      expect(await store.listShards(['detected', 'merged'])).toEqual([
        { detector: 'aws-ec2', shard: 'new' },
      ]);
    },
  );

  it.each(databases.ids)(
    'leaves alone what a person moved while a scan ran, on %p',
    async id => {
      const { database } = await databases.create(id);
      await (
        await testPipeline(database)
      ).record(
        'aws-ec2',
        'acct',
        [idleFinding('i-1', 73), idleFinding('i-2', 30)],
        T0,
      );
      const store = database.stores.opportunities;
      const [kept, gone] = await store.listForShard('aws-ec2', 'acct', [
        'detected',
      ]);
      const openPr = (opportunityId: string) =>
        moveNow(opportunityId, {
          to: 'pr_opened',
          actor: 'user:default/ana',
          at: later(1),
          pullRequestUrl: 'https://git/pr/3',
        });
      const scan = async (
        method: 'findByKeys' | 'listForShard',
        target: string,
        findings: WasteFinding[],
      ) =>
        (
          await testPipeline(changedMeanwhile(database, method, openPr(target)))
        ).record('aws-ec2', 'acct', findings, later(1));
      const again = (o: StoredOpportunity) => idleFinding(o.resource.name!, 99);
      // Found again with new figures while Ana opens its PR: not rewritten.
      expect(
        await scan('findByKeys', kept.id, [again(kept), again(gone)]),
      ).toMatchObject({ updated: 1, expired: 0, skipped: 1 });
      // Not found while Ana opens its PR: not expired.
      expect(await scan('listForShard', gone.id, [again(kept)])).toMatchObject({
        updated: 1,
        expired: 0,
        skipped: 1,
      });
      expect(await store.get(kept.id)).toMatchObject({
        state: 'pr_opened',
        monthlySavings: kept.monthlySavings,
        detectionCount: 3,
      });
      expect((await store.get(gone.id))?.state).toBe('pr_opened');
      expect(
        (await store.ledger(gone.id)).map(l => `${l.from ?? ''}>${l.to}`),
      ).toEqual(['>detected', 'detected>pr_opened']);
    },
  );

  it.each(databases.ids)(
    'stores one weekly report per week on %p',
    async id => {
      const { database } = await databases.create(id);
      const reports = database.stores.savingsReports;
      const content = {
        periodStart: '2026-11-09T00:00:00.000Z',
        periodEnd: '2026-11-16T00:00:00.000Z',
        generatedAt: '2026-11-16T06:00:00.000Z',
        title: 'Weekly',
      } as any;
      const pdf = Buffer.from('%PDF-1.3 binary \u0000\u00ff');
      const stored = await reports.insert({
        content,
        html: '<html>é</html>',
        pdf,
      });
      expect(stored).toMatchObject({
        periodStart: content.periodStart,
        content: { title: 'Weekly' },
      });
      expect(await reports.insert({ content, html: '', pdf })).toBeUndefined();
      expect(await reports.file(stored!.id, 'pdf')).toEqual(pdf);
      expect(await reports.file(stored!.id, 'html')).toBe('<html>é</html>');
      expect((await reports.list({ limit: 5 })).map(r => r.id)).toEqual([
        stored!.id,
      ]);
    },
  );
});
