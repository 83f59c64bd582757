#!/usr/bin/env node
/*
 * Incident opened → first notification handed to Slack, against a local fake
 * of the Slack Web API that the backend's Slack module (bot token mode) posts
 * to.
 *
 *   node bench/dispatch/latency.mjs --url BACKEND --token T --slack-port PORT
 *        [--incidents 300] [--rate 20]
 *
 * Opens --incidents incidents at --rate per second (each a fresh alert that
 * the bench rule turns into a critical incident with a Slack notification)
 * and times each from just before its signal is POSTed to the moment the
 * fake Slack receives its chat.postMessage: an upper bound of "incident
 * opened → handed to the channel" (it includes ingestion and the commit).
 * Prints one JSON line: {incidents, received, p50Ms, p90Ms, p99Ms, maxMs}.
 */
import http from 'node:http';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const url = args.url;
const token = args.token;
const slackPort = Number(args['slack-port']);
const incidents = Number(args.incidents ?? 300);
const rate = Number(args.rate ?? 20);
const run = `${Date.now().toString(36)}`;

const sentAt = new Map();
const latencies = [];
let seq = 0;

// The fake Slack Web API: chat.postMessage answers ok and records the time.
const slack = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const receivedAt = performance.now();
    const body = Object.fromEntries(
      new URLSearchParams(Buffer.concat(chunks).toString()),
    );
    const match = /bench-(\w+)-(\d+)/.exec(body.text ?? '');
    if (req.url?.endsWith('/chat.postMessage') && match && match[1] === run) {
      const start = sentAt.get(Number(match[2]));
      if (start !== undefined && !body.thread_ts)
        latencies.push(receivedAt - start);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ok: true,
        channel: body.channel,
        ts: `1700000000.${++seq}`,
      }),
    );
  });
});
await new Promise(resolve => slack.listen(slackPort, '127.0.0.1', resolve));

async function open(n) {
  sentAt.set(n, performance.now());
  const res = await fetch(`${url}/api/cloudops/signals`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({
      signals: [
        {
          source: 'bench',
          kind: 'alert',
          name: 'BenchDispatch',
          status: 'firing',
          timestamp: new Date().toISOString(),
          labels: { n: `${run}-${n}` },
        },
      ],
    }),
  });
  if (res.status !== 202)
    throw new Error(`signals: HTTP ${res.status} ${await res.text()}`);
}

const started = performance.now();
const pending = [];
for (let n = 0; n < incidents; n++) {
  const due = started + (n * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise(r => setTimeout(r, wait));
  pending.push(open(n));
}
await Promise.all(pending);
const deadline = performance.now() + 30_000;
while (latencies.length < incidents && performance.now() < deadline) {
  await new Promise(r => setTimeout(r, 50));
}
slack.close();

const sorted = [...latencies].sort((a, b) => a - b);
const pct = p =>
  Math.round(
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))],
  );
console.log(
  JSON.stringify({
    incidents,
    rate,
    received: sorted.length,
    p50Ms: pct(50),
    p90Ms: pct(90),
    p99Ms: pct(99),
    maxMs: Math.round(sorted.at(-1)),
  }),
);
process.exit(sorted.length === incidents ? 0 : 1);
