import {
  IncidentSeverity,
  IncidentState,
  IncidentStats,
  IncidentStatsGroup,
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
  INCIDENT_STATS_GROUPS,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { CloudopsDatabase } from './CloudopsDatabase';
import { dailyCountKeyColumns } from './IncidentDailyCounts';
import { IncidentFilter, IncidentPatch, StatsOptions } from './IncidentStore';

// The migration that creates and back-fills the daily counts.
const dailyCountsMigration = require('../../migrations/20261125300000_incident_daily_counts');

jest.setTimeout(120_000);

const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 1);

/** mulberry32: a small seeded generator, so a failure replays. */
function generator(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(values: readonly T[]): T =>
    values[Math.floor(next() * values.length)];
  const maybe = <T>(value: T, p = 0.5): T | undefined =>
    next() < p ? value : undefined;
  return { next, pick, maybe };
}

const entities = ['a', 'b', 'c', 'd', 'e'].map(n => `component:default/${n}`);
const systems = ['system:default/shop', 'system:default/data'];
const owners = ['group:default/team-a', 'group:default/team-b'];
const accounts = ['111111111111', '222222222222'];

/**
 * Opens incidents over ten days and moves them through every change the
 * store makes (acknowledge, mitigate, resolve, reopen, severity, candidate
 * root cause), several to one incident in a transaction, some on the pool,
 * and one transaction that rolls back.
 */
async function simulate(database: CloudopsDatabase, seed: number) {
  const { next, pick, maybe } = generator(seed);
  const ids: Array<{ id: string; createdAt: number }> = [];
  const at = (base: number) =>
    new Date(base + Math.floor(next() * 6 * 3600_000));
  const change = (createdAt: number): IncidentPatch => {
    const when = at(createdAt);
    const kind = next();
    if (kind < 0.25) {
      return { state: 'acknowledged', acknowledgedAt: when, updatedAt: when };
    }
    if (kind < 0.35) {
      return { state: 'mitigated', mitigatedAt: when, updatedAt: when };
    }
    if (kind < 0.6) {
      return {
        state: 'resolved',
        resolvedAt: when,
        ...(next() < 0.7 && { acknowledgedAt: when }),
        updatedAt: when,
      };
    }
    if (kind < 0.7) {
      return { state: 'open', resolvedAt: null, updatedAt: when };
    }
    if (kind < 0.85) {
      return { severity: pick(INCIDENT_SEVERITIES), updatedAt: when };
    }
    if (kind < 0.95) {
      return { candidateEntityRef: pick(entities), updatedAt: when };
    }
    return { signals: { count: 3, lastAt: when }, updatedAt: when };
  };
  const open = (stores: CloudopsDatabase['stores'], i: number) => {
    const createdAt = start + Math.floor(next() * 10 * DAY);
    return stores.incidents
      .createIncident({
        title: `incident ${i}`,
        severity: pick(INCIDENT_SEVERITIES),
        entityRef: maybe(pick(entities), 0.8),
        candidateEntityRef: maybe(pick(entities), 0.5),
        systemRef: maybe(pick(systems), 0.7),
        ownerRef: maybe(pick(owners), 0.7),
        account: maybe(pick(accounts), 0.7),
        createdBy: 'cloudops',
        createdAt: new Date(createdAt),
      })
      .then(incident => ids.push({ id: incident.id, createdAt }));
  };

  for (let round = 0; round < 40; round++) {
    await database.transaction(async stores => {
      for (let i = 0; i < 4; i++) await open(stores, ids.length);
      for (let i = 0; i < 6; i++) {
        const target = pick(ids);
        await stores.incidents.updateIncident(
          target.id,
          change(target.createdAt),
        );
      }
    });
    const target = pick(ids);
    await database.stores.incidents.updateIncident(
      target.id,
      change(target.createdAt),
    );
    if (round % 10 === 0) await open(database.stores, ids.length);
  }
  await expect(
    database.transaction(async stores => {
      await open(stores, ids.length);
      const target = pick(ids);
      await stores.incidents.updateIncident(target.id, {
        state: 'resolved',
        resolvedAt: new Date(target.createdAt + 1000),
        updatedAt: new Date(target.createdAt + 1000),
      });
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
}

/** A random filter and shape the API accepts (whole-day buckets). */
function randomQuery(
  next: () => number,
  pick: <T>(values: readonly T[]) => T,
): { filter: IncidentFilter; options: StatsOptions } {
  const edge = () =>
    next() < 0.3
      ? new Date(start + Math.floor(next() * 12) * DAY - DAY)
      : new Date(start - DAY + Math.floor(next() * 12 * DAY));
  let from = next() < 0.7 ? edge() : undefined;
  let to = next() < 0.5 ? edge() : undefined;
  if (from && to && from > to) [from, to] = [to, from];
  const some = <T>(values: readonly T[]) =>
    values.filter(() => next() < 0.5) as T[];
  const groupBy =
    next() < 0.7 ? pick<IncidentStatsGroup>(INCIDENT_STATS_GROUPS) : undefined;
  const thenBy =
    groupBy && next() < 0.5
      ? pick(INCIDENT_STATS_GROUPS.filter(g => g !== groupBy))
      : undefined;
  return {
    filter: {
      from,
      to,
      entityRef: next() < 0.3 ? pick(entities) : undefined,
      systemRef: next() < 0.3 ? pick(systems) : undefined,
      ownerRef: next() < 0.2 ? pick(owners) : undefined,
      account: next() < 0.3 ? pick(accounts) : undefined,
      severity:
        next() < 0.3 ? some<IncidentSeverity>(INCIDENT_SEVERITIES) : undefined,
      state: next() < 0.3 ? some<IncidentState>(INCIDENT_STATES) : undefined,
    },
    options: {
      groupBy,
      thenBy,
      groupLimit: next() < 0.3 ? 1 + Math.floor(next() * 4) : undefined,
      bucketSeconds: pick([86400, 2 * 86400, 7 * 86400]),
    },
  };
}

/** Equal, with the mean response times equal up to floating-point rounding. */
function expectSameStats(actual: IncidentStats, expected: IncidentStats) {
  const close = (a: number | null, b: number | null) =>
    a === null || b === null
      ? a === b
      : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  expect(close(actual.mttaSeconds, expected.mttaSeconds)).toBe(true);
  expect(close(actual.mttrSeconds, expected.mttrSeconds)).toBe(true);
  const exact = (stats: IncidentStats) => ({
    ...stats,
    to: undefined,
    mttaSeconds: undefined,
    mttrSeconds: undefined,
  });
  expect(exact(actual)).toEqual(exact(expected));
}

async function dailyCountRows(knex: Knex) {
  const rows = await knex('incident_daily_counts')
    .where('n', '>', 0)
    .orderBy([...dailyCountKeyColumns]);
  return rows.map(row =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v,
      ]),
    ),
  );
}

describe('incident statistics from the daily counts', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'equal the statistics recomputed from the incidents for random filters on %p',
    async id => {
      const { database, knex } = await databases.create(id);
      await simulate(database, 7);
      const { next, pick } = generator(11);
      const { incidents } = database.stores;
      let fromCounts = 0;
      for (let i = 0; i < 60; i++) {
        const { filter, options } = randomQuery(next, pick);
        const stats = await incidents.stats(filter, options);
        // Every title has "incident": the text filter selects the same
        // incidents and makes the store recompute from them.
        const recomputed = await incidents.stats(
          { ...filter, text: 'incident' },
          options,
        );
        try {
          expectSameStats(stats, recomputed);
        } catch (error) {
          throw new Error(
            `query ${i} ${JSON.stringify({ filter, options })}: ${error}`,
          );
        }
        if (stats.total > 0) fromCounts++;
      }
      expect(fromCounts).toBeGreaterThan(30);

      // The counts hold every incident once.
      const [{ n }] = await knex('incident_daily_counts').sum({ n: 'n' });
      const [{ count }] = await knex('incidents').count({ count: '*' });
      expect(Number(n)).toBe(Number(count));
    },
  );

  it.each(databases.ids)(
    'are back-filled by the migration as the store keeps them on %p',
    async id => {
      const { database, knex } = await databases.create(id);
      await simulate(database, 3);
      const kept = await dailyCountRows(knex);
      expect(kept.length).toBeGreaterThan(50);
      await dailyCountsMigration.down(knex);
      await dailyCountsMigration.up(knex);
      expect(await dailyCountRows(knex)).toEqual(kept);
    },
  );
});
