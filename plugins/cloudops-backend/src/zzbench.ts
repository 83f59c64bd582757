import fs from 'node:fs';
import knexFactory, { Knex } from 'knex';
import { DatabaseSignalStore } from './database/DatabaseSignalStore';
import { normalizeSignal } from './signals/normalizeSignal';
import { migrationsDir } from './database/CloudopsDatabase';

let seq = 0;
function batch(n: number) {
  return Array.from({ length: n }, () => {
    const i = seq++;
    const series = i % 2000;
    return normalizeSignal({ source: 'prometheus', kind: 'metric', name: series % 2 ? 'cpu' : 'mem', timestamp: new Date(Date.UTC(2026, 10, 22) + i).toISOString(), value: i % 60,
      labels: { app: `app-${series % 8}`, pod: `pod-${series}`, namespace: 'shop' }, entityRef: `component:default/app-${series % 8}` });
  });
}
async function main() {
  const dir = '/tmp/ingest-inv/micro'; fs.rmSync(dir, { recursive: true, force: true }); fs.mkdirSync(dir);
  const db: Knex = knexFactory({ client: 'better-sqlite3', connection: { filename: `${dir}/db.sqlite` }, useNullAsDefault: true });
  await db.raw('PRAGMA journal_mode = WAL'); await db.raw('PRAGMA synchronous = NORMAL');
  await db.migrate.latest({ directory: migrationsDir });
  const variant = process.argv[2] ?? 'knex';
  for (const ddl of (process.env.DDL ?? '').split(';').filter(Boolean)) await db.raw(ddl);
  for (let round = 0; round < +(process.env.ROUNDS ?? 10); round++) {
    const groups = Array.from({ length: 25 }, () => batch(2000));
    const t0 = process.cpuUsage();
    for (const g of groups) {
      await db.transaction(async trx => {
        await new DatabaseSignalStore(trx).insertNew(g, new Date());
      });
    }
    const c = process.cpuUsage(t0);
    console.log(variant, 'rows', seq, 'us/row', ((c.user + c.system) / 50000).toFixed(1));
  }
  await db.destroy();
}
main();
