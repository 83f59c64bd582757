#!/usr/bin/env node
/*
 * Alert delivery load against the running backend, for a fixed time, with a
 * fixed number of concurrent senders, each sending one notification of
 * --alerts alerts at a time and the next as soon as it is answered.
 *
 *   node bench/prometheus/webhook-load.mjs --via webhook|signals --url URL
 *        --token T [--seconds 20] [--concurrency 8] [--alerts 20]
 *
 * webhook: Alertmanager notifications (version 4) to
 * /api/cloudops/alertmanager/webhook with the receiver's bearer token.
 * signals: the same alerts as signals to /api/cloudops/signals with a
 * Backstage static token. The alerts: 2,000 identities (namespace/pod/alert
 * name), each firing then resolved, stamped with the time, so every alert
 * is new. Prints one JSON line: {via, alerts, seconds, rate, p50Ms, p99Ms, errors}.
 */
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const via = args.via ?? 'webhook';
const { url, token } = args;
const seconds = Number(args.seconds ?? 20);
const concurrency = Number(args.concurrency ?? 8);
const perDelivery = Number(args.alerts ?? 20);
if (!url || !token) throw new Error('--url and --token are required');

const names = [
  'KubePodCrashLooping',
  'KubeContainerOOMKilled',
  'KubeContainerCPUHigh',
  'KubeContainerMemoryHigh',
];
const apps = [
  'checkout-service',
  'cart-service',
  'payments-service',
  'orders-service',
];
let sequence = 0;

function nextAlert() {
  const n = sequence++;
  const identity = n % 2000;
  const resolved = Math.floor(n / 2000) % 2 === 1;
  const now = new Date().toISOString();
  return {
    status: resolved ? 'resolved' : 'firing',
    labels: {
      alertname: names[identity % names.length],
      namespace: 'shop',
      pod: `${apps[identity % apps.length]}-7d9f8c6b5-${identity}`,
      container: 'app',
      severity: 'warning',
      cluster: 'prod',
    },
    annotations: { summary: `alert ${identity}` },
    startsAt: now,
    endsAt: resolved ? now : '0001-01-01T00:00:00Z',
    fingerprint: identity.toString(16).padStart(16, '0'),
  };
}

function delivery() {
  const alerts = Array.from({ length: perDelivery }, nextAlert);
  if (via === 'webhook') {
    return {
      path: '/api/cloudops/alertmanager/webhook',
      body: {
        version: '4',
        groupKey: `{}:{n="${sequence}"}`,
        truncatedAlerts: 0,
        status: 'firing',
        receiver: 'cloudops',
        groupLabels: {},
        commonLabels: {},
        commonAnnotations: {},
        externalURL: 'http://alertmanager:9093',
        alerts,
      },
    };
  }
  return {
    path: '/api/cloudops/signals',
    body: {
      signals: alerts.map(a => ({
        source: 'alertmanager',
        kind: 'alert',
        name: a.labels.alertname,
        status: a.status,
        timestamp: a.status === 'resolved' ? a.endsAt : a.startsAt,
        account: 'prod',
        labels: a.labels,
        message: a.annotations.summary,
        fingerprint: `alertmanager:prod:${a.fingerprint}`,
      })),
    },
  };
}

const latencies = [];
let delivered = 0;
let errors = 0;
const start = Date.now();
const deadline = start + seconds * 1000;
async function sender() {
  while (Date.now() < deadline) {
    const { path, body } = delivery();
    const t = performance.now();
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - t);
    if (response.ok) delivered += perDelivery;
    else errors++;
  }
}
await Promise.all(Array.from({ length: concurrency }, sender));
const elapsed = (Date.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = p =>
  Math.round(
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))],
  );
console.log(
  JSON.stringify({
    via,
    alerts: delivered,
    seconds: Math.round(elapsed * 10) / 10,
    rate: Math.round(delivered / elapsed),
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    errors,
  }),
);
