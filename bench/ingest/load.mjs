#!/usr/bin/env node
/*
 * Sustained signal load against one target, for a fixed time, with a fixed
 * number of concurrent senders, each sending batches of --batch signals.
 *
 *   node bench/ingest/load.mjs --target cloudops|alertmanager --url URL
 *        [--token T] [--seconds 20] [--concurrency 8] [--batch 100] [--probe-ms 200]
 *        [--rate SIGNALS_PER_SECOND] [--trace-probes]
 *
 * The stream: 90% metric datapoints over 2,000 series, 10% alerts over 500
 * alert identities (re-sent while firing, as Alertmanager does) that all
 * flip between firing and resolved every 100,000 signals. cloudops gets POST /api/cloudops/signals;
 * Alertmanager gets the same alerts in its v2 form (POST /api/v2/alerts) and
 * the metric datapoints as alerts too, so both receive the same number of items.
 *
 * Without --rate every sender sends its next batch as soon as the last one is
 * answered (the most the target takes); with --rate the senders together offer
 * that many signals per second (a sustained load) and the latencies are those
 * at that load.
 *
 * For cloudops a probe sends one fresh alert every --probe-ms and polls the
 * incidents API until the incident is visible: signal → incident-visible latency.
 * Prints one JSON line: {target, signals, seconds, rate, batchP50Ms, batchP99Ms, probes, probeP50Ms, probeP99Ms}.
 */
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const target = args.target ?? 'cloudops';
const url = args.url;
const token = args.token;
const seconds = Number(args.seconds ?? 20);
const concurrency = Number(args.concurrency ?? 8);
const batchSize = Number(args.batch ?? 100);
const probeMs = Number(args['probe-ms'] ?? 200);
/** Signals per second to offer in total (open loop); absent: as fast as answered. */
const offeredRate = args.rate ? Number(args.rate) : undefined;
/** Print each probe's time into the run and latency to stderr. */
const traceProbes = process.argv.includes('--trace-probes');
if (!url) throw new Error('--url is required');

const apps = [
  'web-storefront',
  'checkout-service',
  'cart-service',
  'payments-service',
  'orders-service',
  'inventory-service',
  'shipping-service',
  'product-catalog',
];
let sequence = 0;
const start = Date.now();

function nextSignal() {
  const n = sequence++;
  // Real time: a series or alert identity recurs only every 2,000 / 5,000
  // signals, never twice in one millisecond, so every signal is distinct.
  const timestamp = new Date().toISOString();
  if (n % 10 !== 0) {
    const series = n % 2000;
    return {
      source: 'prometheus',
      kind: 'metric',
      name:
        series % 2
          ? 'container_cpu_usage_percent'
          : 'container_memory_working_set_percent',
      timestamp,
      value: 20 + ((n * 7919) % 60),
      labels: {
        app: apps[series % apps.length],
        pod: `pod-${series}`,
        namespace: 'shop',
      },
    };
  }
  const alert = (n / 10) % 500;
  return {
    source: 'alertmanager',
    kind: 'alert',
    name: ['KubePodCrashLooping', 'KubeContainerOOMKilled', 'KubeNodeNotReady'][
      alert % 3
    ],
    // Every identity fires, then resolves, then fires again: a flip every
    // 100,000 signals (500 alert transitions at once, as in an alert storm).
    status: Math.floor(n / 100_000) % 2 ? 'resolved' : 'firing',
    timestamp,
    labels: {
      app: apps[alert % apps.length],
      pod: `pod-${alert}`,
      severity: 'warning',
      namespace: 'shop',
    },
  };
}

function toAlertmanager(signal) {
  const labels = { alertname: signal.name, ...signal.labels };
  if (signal.kind === 'metric') labels.series_value = String(signal.value);
  return {
    labels,
    annotations: { summary: `${signal.name} ${signal.labels.pod}` },
    startsAt: signal.timestamp,
    ...(signal.status === 'resolved'
      ? { endsAt: new Date(Date.parse(signal.timestamp) + 1).toISOString() }
      : {}),
  };
}

const headers = {
  'Content-Type': 'application/json',
  ...(token ? { Authorization: `Bearer ${token}` } : {}),
};

async function send(batch) {
  const body =
    target === 'cloudops'
      ? JSON.stringify({ signals: batch })
      : JSON.stringify(batch.map(toAlertmanager));
  const path =
    target === 'cloudops' ? '/api/cloudops/signals' : '/api/v2/alerts';
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers,
    body,
  });
  if (!response.ok)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

const deadline = start + seconds * 1000;
const batchTimes = [];
let sent = 0;

async function sender(index) {
  const interval = offeredRate
    ? (concurrency * batchSize * 1000) / offeredRate
    : 0;
  let next = Date.now() + (interval * index) / concurrency;
  while (Date.now() < deadline) {
    if (interval) {
      await new Promise(resolve =>
        setTimeout(resolve, Math.max(0, next - Date.now())),
      );
      next += interval;
    }
    const batch = Array.from({ length: batchSize }, nextSignal);
    const t = performance.now();
    await send(batch);
    batchTimes.push(performance.now() - t);
    sent += batch.length;
  }
}

const probeTimes = [];
async function prober() {
  let n = 0;
  while (Date.now() < deadline) {
    const id = `probe-${process.pid}-${n++}`;
    const t = performance.now();
    await send([
      {
        source: 'bench',
        kind: 'alert',
        name: 'BenchProbe',
        status: 'firing',
        timestamp: new Date().toISOString(),
        labels: { probe: id, summary: id, severity: 'info' },
      },
    ]);
    for (;;) {
      const response = await fetch(
        `${url}/api/cloudops/incidents?q=${id}&limit=1`,
        { headers },
      );
      const body = await response.json();
      if (body.totalCount > 0) break;
      if (performance.now() - t > 10_000)
        throw new Error(`probe ${id} not visible after 10 s`);
    }
    probeTimes.push(performance.now() - t);
    if (traceProbes) {
      console.error(
        `probe at ${((Date.now() - start) / 1000).toFixed(1)} s: ${(
          performance.now() - t
        ).toFixed(0)} ms`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, probeMs));
  }
}

const workers = Array.from({ length: concurrency }, (_, i) => sender(i));
if (target === 'cloudops') workers.push(prober());
await Promise.all(workers);
const elapsed = (Date.now() - start) / 1000;
const round = v => (v === null ? null : Math.round(v * 10) / 10);
console.log(
  JSON.stringify({
    target,
    offeredRate: offeredRate ?? null,
    signals: sent,
    seconds: round(elapsed),
    rate: Math.round(sent / elapsed),
    batchP50Ms: round(percentile(batchTimes, 50)),
    batchP99Ms: round(percentile(batchTimes, 99)),
    probes: probeTimes.length,
    probeP50Ms: round(percentile(probeTimes, 50)),
    probeP99Ms: round(percentile(probeTimes, 99)),
  }),
);
