import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { tuneSqlite } from './tuneSqlite';

interface Connection {
  prepare(sql: string): unknown;
  pragma(sql: string, options: { simple: true }): unknown;
}

describe('tuneSqlite', () => {
  let dir: string;
  let db: Knex;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudops-tune-'));
    db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'db.sqlite') },
      useNullAsDefault: true,
    });
  });

  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function withConnection<T>(use: (c: Connection) => T): Promise<T> {
    const connection: Connection = await db.client.acquireConnection();
    try {
      return use(connection);
    } finally {
      await db.client.releaseConnection(connection);
    }
  }

  it('sets write-ahead logging, its checkpoints and the page cache', async () => {
    await tuneSqlite(db);
    const pragmas = await withConnection(c =>
      ['journal_mode', 'synchronous', 'cache_size', 'wal_autocheckpoint'].map(
        name => c.pragma(name, { simple: true }),
      ),
    );
    expect(pragmas).toEqual(['wal', 1, -65536, 16384]);
  });

  it('prepares a statement once per text, keeping the most recently used', async () => {
    await tuneSqlite(db);
    await withConnection(c => {
      const first = c.prepare('select 1');
      expect(c.prepare('select 1')).toBe(first);
      expect(c.prepare('select 2')).not.toBe(first);
      for (let i = 0; i < 255; i++) c.prepare(`select ${i + 3}`);
      // 257 texts prepared since `select 1` was last used: it was dropped.
      expect(c.prepare('select 1')).not.toBe(first);
    });
    await db('sqlite_master').select('name'); // knex still runs queries
    await expect(db.raw('select 1 as one')).resolves.toEqual([{ one: 1 }]);
  });

  it('gives a cached statement back with the connection default for safe integers', async () => {
    await tuneSqlite(db);
    const big = () => db.select(db.raw('9007199254740993 as n')).first();
    expect(typeof (await big().options({ safeIntegers: true })).n).toBe(
      'bigint',
    );
    expect(typeof (await big()).n).toBe('number');
  });

  it('leaves PostgreSQL alone', async () => {
    const pg = knexFactory({ client: 'pg', connection: {} });
    await expect(tuneSqlite(pg)).resolves.toBeUndefined();
    await pg.destroy();
  });
});
