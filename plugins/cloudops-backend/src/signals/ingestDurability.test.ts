import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import {
  freePort,
  startStandaloneBackend,
  waitReady,
} from '../__testUtils__/standaloneProcess';

/**
 * The backend is killed (SIGKILL) while senders stream signals at it: every
 * batch it acknowledged is in the database after the kill, every batch is in
 * it whole or not at all, and after a restart the senders' retries of the
 * unacknowledged batches are stored once, duplicates counted.
 */

jest.setTimeout(180_000);

const SENDERS = 4;
const BATCH = 50;

function batchOf(n: number) {
  return Array.from({ length: BATCH }, (_, i) => ({
    source: 'durability-test',
    kind: 'metric',
    name: 'queue_depth',
    timestamp: '2026-11-22T10:00:00Z',
    value: i,
    resource: `batch-${n}/${i}`,
  }));
}

async function post(base: string, n: number) {
  const res = await fetch(`${base}/api/cloudops/signals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ signals: batchOf(n) }),
  });
  if (res.status !== 202) throw new Error(`status ${res.status}`);
  return (await res.json()) as { accepted: number; duplicates: number };
}

async function storedPerBatch(dbDir: string): Promise<Map<number, number>> {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dbDir, 'cloudops.sqlite') },
    useNullAsDefault: true,
  });
  const rows: Array<{ resource: string }> = await db('signals')
    .where({ source: 'durability-test' })
    .select('resource');
  await db.destroy();
  const counts = new Map<number, number>();
  for (const { resource } of rows) {
    const n = Number(resource.split('/')[0].slice('batch-'.length));
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}

describe('signal ingestion through a crash', () => {
  it('keeps every acknowledged batch when the backend is killed mid-stream', async () => {
    const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudops-crash-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let backend = startStandaloneBackend({ port, dbDir });
    try {
      await waitReady(base);

      let next = 0;
      const sent: number[] = [];
      const acked = new Set<number>();
      const sender = async () => {
        for (;;) {
          const n = next++;
          sent.push(n);
          try {
            await post(base, n);
            acked.add(n);
          } catch {
            return; // the backend is gone
          }
        }
      };
      const senders = Array.from({ length: SENDERS }, sender);
      while (acked.size < 40) await new Promise(r => setTimeout(r, 20));
      backend.kill('SIGKILL');
      await Promise.all(senders);

      const stored = await storedPerBatch(dbDir);
      for (const n of acked) {
        expect([n, stored.get(n)]).toEqual([n, BATCH]);
      }
      for (const [n, count] of stored) {
        expect([n, count]).toEqual([n, BATCH]); // whole or not at all
      }
      const unacked = sent.filter(n => !acked.has(n));
      expect(unacked.length).toBeGreaterThan(0);

      // Restart on the same database; the senders retry what was never acked.
      backend = startStandaloneBackend({ port, dbDir });
      await waitReady(base);
      let duplicates = 0;
      for (const n of unacked) {
        const result = await post(base, n);
        expect(result.accepted + result.duplicates).toBe(BATCH);
        duplicates += result.duplicates;
      }
      const committedButUnacked = unacked.filter(n => stored.has(n));
      expect(duplicates).toBe(committedButUnacked.length * BATCH);
      const after = await storedPerBatch(dbDir);
      expect(after.size).toBe(sent.length);
      expect([...after.values()].every(count => count === BATCH)).toBe(true);
    } finally {
      backend.kill('SIGKILL');
      fs.rmSync(dbDir, { recursive: true, force: true });
    }
  });
});
