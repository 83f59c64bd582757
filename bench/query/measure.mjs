#!/usr/bin/env node
/*
 * Query latency through the HTTP API over a seeded store (bench/query/seed.mjs).
 *   node bench/query/measure.mjs --url URL --token T [--requests 300]
 * Prints one JSON line with p50/p95 in ms for: an entity's incident list, the
 * portal-wide open-incident list, and the portal-wide stats of the last 30 days;
 * and, for comparison under the same load, the same stats recomputed from the
 * incidents (a text filter that every seeded title matches, which the daily
 * counts cannot answer), with the ratio of the two p50s.
 */
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const requests = Number(args.requests ?? 300);
const headers = { Authorization: `Bearer ${args.token}` };

async function time(path) {
  const t = performance.now();
  const response = await fetch(`${args.url}/api/cloudops${path}`, { headers });
  if (!response.ok)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  const body = await response.json();
  return { ms: performance.now() - t, body };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(
      sorted[
        Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
      ] * 10,
    ) / 10
  );
}

async function series(count, pathFor) {
  const times = [];
  let last;
  for (let i = 0; i < count; i++) {
    const { ms, body } = await time(pathFor(i));
    times.push(ms);
    last = body;
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), last };
}

const from = new Date(Date.now() - 30 * 86400_000).toISOString();
await series(
  20,
  i => `/incidents?entityRef=component:default/service-${i}&limit=50`,
); // warm-up
const entity = await series(
  requests,
  i =>
    `/incidents?entityRef=component:default/service-${(i * 37) % 200}&limit=50`,
);
const open = await series(
  Math.ceil(requests / 3),
  () => `/incidents?state=open,acknowledged,mitigated&limit=50`,
);
const statsPath = `/stats?from=${from}&groupBy=system&bucketSeconds=86400`;
const stats = await series(Math.ceil(requests / 5), () => statsPath);
const recomputed = await series(
  Math.ceil(requests / 30),
  () => `${statsPath}&q=synthetic`,
);
if (recomputed.last.total !== stats.last.total) {
  throw new Error(
    `stats differ: ${stats.last.total} from the daily counts, ${recomputed.last.total} recomputed`,
  );
}
console.log(
  JSON.stringify({
    totalIncidents: (await time('/incidents?limit=1')).body.totalCount,
    entityListP50Ms: entity.p50,
    entityListP95Ms: entity.p95,
    openListP50Ms: open.p50,
    openListP95Ms: open.p95,
    statsP50Ms: stats.p50,
    statsP95Ms: stats.p95,
    statsTotal30d: stats.last.total,
    recomputedStatsP50Ms: recomputed.p50,
    recomputedStatsP95Ms: recomputed.p95,
    recomputedOverDailyCountsP50:
      Math.round((recomputed.p50 / stats.p50) * 10) / 10,
  }),
);
