#!/usr/bin/env node
/*
 * Seeds the frontend benchmark through the real API: waits until the backend
 * serves the whole synthetic estate in its dependency graph, then raises
 * COUNT open incidents (default 10,000) with POST /api/cloudops/incidents,
 * spread over the estate's components and all severities.
 *
 *   node bench/frontend/seed.mjs --url URL --token TOKEN [--count 10000] [--nodes 500]
 */
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const count = Number(args.count ?? 10_000);
const nodes = Number(args.nodes ?? 500);
const headers = {
  Authorization: `Bearer ${args.token}`,
  'Content-Type': 'application/json',
};
const api = `${args.url}/api/cloudops`;
const severities = ['critical', 'high', 'warning', 'info'];

async function waitForGraph() {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const response = await fetch(
      `${api}/graph?entityRef=component:default/svc-000&depth=6`,
      { headers },
    );
    const size = response.ok ? (await response.json()).nodes.length : 0;
    if (size >= nodes) return size;
    if (Date.now() > deadline) {
      throw new Error(`graph has ${size} of ${nodes} nodes after 10 minutes`);
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
}

async function raise(i) {
  const response = await fetch(`${api}/incidents`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      title: `Synthetic incident ${i}: latency above SLO`,
      severity: severities[i % 4],
      entityRef: `component:default/svc-${String(i % nodes).padStart(3, '0')}`,
    }),
  });
  if (response.status !== 201) {
    throw new Error(
      `incident ${i}: ${response.status} ${await response.text()}`,
    );
  }
}

const started = Date.now();
const graphNodes = await waitForGraph();
console.error(
  `graph ready with ${graphNodes} nodes after ${Date.now() - started} ms`,
);
let next = 0;
const seedStart = Date.now();
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < count) await raise(next++);
  }),
);
console.error(
  `raised ${count} incidents in ${Date.now() - seedStart} ms through the API`,
);
