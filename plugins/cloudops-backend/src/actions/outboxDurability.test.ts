import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { startFakeServer } from '../__testUtils__/fakeHttpServer';
import {
  freePort,
  startStandaloneBackend,
  waitReady,
} from '../__testUtils__/standaloneProcess';

/**
 * The backend is killed (SIGKILL) while incidents are being opened and their
 * notifications delivered to a slow webhook receiver: some deliveries are
 * committed but not yet sent, some sent but not yet recorded. After a
 * restart on the same database every committed incident's notification
 * reaches the receiver, and an idempotent receiver (one that keeps the
 * first request per Idempotency-Key) takes each exactly once.
 */

jest.setTimeout(180_000);

/** The cloudops config of the backend under test: a rule that notifies the receiver. */
function durableConfig(webhookUrl: string) {
  return {
    rules: {
      watch: false,
      inline: [
        {
          id: 'durable',
          match: { kind: 'alert', name: 'DurabilityAlert' },
          condition: { type: 'firing' },
          severity: 'high',
          dedupKey: '{{rule.id}}:{{labels.n}}',
          actions: [{ type: 'notify', channel: 'webhook', target: 'receiver' }],
        },
      ],
    },
    actions: {
      webhooks: { receiver: { url: webhookUrl, secret: 'durable' } },
      delivery: {
        timeout: '1s',
        initialBackoff: '100ms',
        maxBackoff: '500ms',
        pollInterval: '200ms',
        maxAttempts: 50,
      },
    },
  };
}

async function outbox(dbDir: string) {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dbDir, 'cloudops.sqlite') },
    useNullAsDefault: true,
  });
  const [incidents, rows] = await Promise.all([
    db('incidents').count({ n: '*' }),
    db('action_outbox').select('idempotency_key', 'status'),
  ]);
  await db.destroy();
  return { incidents: Number(incidents[0].n), rows };
}

describe('the action outbox through a crash', () => {
  it('loses nothing and sends nothing twice to an idempotent receiver when the backend is killed mid-delivery', async () => {
    const dbDir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'cloudops-outbox-crash-'),
    );
    // Slow, idempotent receiver: answers after 150 ms, keeps the first of each key.
    const effects = new Map<string, number>();
    const receiver = await startFakeServer(async req => {
      const key = String(req.headers['idempotency-key']);
      effects.set(key, (effects.get(key) ?? 0) + 1);
      await new Promise(r => setTimeout(r, 150));
      return {};
    });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let backend = startStandaloneBackend({
      port,
      dbDir,
      config: durableConfig(receiver.url),
    });
    try {
      await waitReady(base);
      let n = 0;
      let stop = false;
      const sender = (async () => {
        while (!stop) {
          const first = n;
          n += 5;
          const signals = Array.from({ length: 5 }, (_, i) => ({
            source: 'durability-test',
            kind: 'alert',
            name: 'DurabilityAlert',
            status: 'firing',
            timestamp: new Date().toISOString(),
            labels: { n: String(first + i) },
          }));
          try {
            await fetch(`${base}/api/cloudops/signals`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ signals }),
            });
          } catch {
            return; // the backend is gone
          }
        }
      })();
      // Kill while deliveries are in flight and others wait their turn.
      while (receiver.requests.length < 12)
        await new Promise(r => setTimeout(r, 10));
      backend.kill('SIGKILL');
      stop = true;
      await sender;

      const atCrash = await outbox(dbDir);
      const undelivered = atCrash.rows.filter(r => r.status !== 'delivered');
      expect(atCrash.rows).toHaveLength(atCrash.incidents); // one notification per committed incident
      expect(undelivered.length).toBeGreaterThan(0);

      backend = startStandaloneBackend({
        port,
        dbDir,
        config: durableConfig(receiver.url),
      });
      await waitReady(base);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const now = await outbox(dbDir);
        if (now.rows.every(r => r.status === 'delivered')) break;
        if (Date.now() > deadline)
          throw new Error(
            `undelivered: ${JSON.stringify(
              now.rows.filter(r => r.status !== 'delivered'),
            )}`,
          );
        await new Promise(r => setTimeout(r, 250));
      }
      const after = await outbox(dbDir);
      const keys = new Set(after.rows.map(r => r.idempotency_key));
      // Every committed notification arrived; nothing arrived that was not committed.
      expect(new Set(effects.keys())).toEqual(keys);
      // The idempotent receiver applied each once; redeliveries reused the key.
      const redelivered = [...effects.values()].filter(
        count => count > 1,
      ).length;
      // eslint-disable-next-line no-console
      console.log(
        `outbox crash: ${after.rows.length} notifications, ${undelivered.length} undelivered at the kill, ${redelivered} sent again after the restart (same key)`,
      );
    } finally {
      backend.kill('SIGKILL');
      await receiver.close();
      fs.rmSync(dbDir, { recursive: true, force: true });
    }
  });
});
