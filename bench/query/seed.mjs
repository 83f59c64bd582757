#!/usr/bin/env node
/*
 * Writes N synthetic incidents straight into the cloudops plugin's database
 * (already migrated by a backend start), spread over 90 days, 200 entities in
 * 20 systems and 10 accounts, all severities and states, with realistic
 * acknowledge/resolve times. The rows bypass the store, so the daily counts the
 * store keeps for statistics are then rebuilt by re-running their migration
 * (down, then up: the back-fill an upgrade runs over existing incidents).
 *
 *   node bench/query/seed.mjs --client better-sqlite3 --connection FILE --count 1000000
 *   node bench/query/seed.mjs --client pg --connection postgresql://… --count 1000000
 */
import { createRequire } from 'node:module';
import crypto from 'node:crypto';

const require = createRequire(import.meta.url);
const knex = require('knex');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const count = Number(args.count ?? 1_000_000);
const db = knex({
  client: args.client,
  connection:
    args.client === 'pg' ? args.connection : { filename: args.connection },
  useNullAsDefault: true,
});

const severities = ['critical', 'high', 'warning', 'info'];
const now = Date.now();
const span = 90 * 86400_000;
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function row(i) {
  const entity = Math.floor(random() * 200);
  const created = new Date(now - span + Math.floor((i / count) * span));
  const age = now - created.getTime();
  const acked =
    random() < 0.9 && age > 600_000
      ? new Date(created.getTime() + 60_000 + random() * 900_000)
      : null;
  const resolved =
    acked && age > 7_200_000 && random() < 0.97
      ? new Date(acked.getTime() + random() * 7_200_000)
      : null;
  const state = resolved
    ? 'resolved'
    : acked
    ? random() < 0.5
      ? 'acknowledged'
      : 'mitigated'
    : 'open';
  return {
    id: crypto.randomUUID(),
    title: `synthetic incident ${i} on service-${entity}`,
    description: null,
    severity: severities[Math.floor(random() * 4)],
    state,
    entity_ref: `component:default/service-${entity}`,
    candidate_entity_ref: `component:default/service-${entity}`,
    system_ref: `system:default/system-${entity % 20}`,
    owner_ref: `group:default/team-${entity % 25}`,
    account: String(100000000000 + (entity % 10)),
    created_by: 'cloudops',
    created_at: created,
    updated_at: resolved ?? acked ?? created,
    dedup_key: `rule-${i % 50}:service-${entity}`,
    rule_id: `rule-${i % 50}`,
    labels: '{}',
    signal_count: 1 + Math.floor(random() * 20),
    last_signal_at: created,
    acknowledged_at: acked,
    mitigated_at: null,
    resolved_at: resolved,
  };
}

const started = Date.now();
const chunk = args.client === 'pg' ? 2000 : 1000;
for (let i = 0; i < count; i += chunk) {
  const rows = [];
  for (let j = i; j < Math.min(count, i + chunk); j++) rows.push(row(j));
  await db.batchInsert('incidents', rows, args.client === 'pg' ? 2000 : 40);
}
const backfillStarted = Date.now();
const dailyCounts = require('../../plugins/cloudops-backend/migrations/20261125300000_incident_daily_counts.js');
await dailyCounts.down(db);
await dailyCounts.up(db);
const backfillSeconds = (Date.now() - backfillStarted) / 1000;
if (args.client === 'pg')
  await db.raw('analyze incidents, incident_daily_counts');
else await db.raw('analyze');
const [{ cells }] = await db('incident_daily_counts').count({ cells: '*' });
console.error(
  `seeded ${count} incidents in ${Math.round(
    (Date.now() - started) / 1000,
  )} s; back-filled ${cells} daily-count cells in ${backfillSeconds.toFixed(
    1,
  )} s`,
);
await db.destroy();
