#!/usr/bin/env node
/*
 * Writes a synthetic service estate for the frontend benchmark: N components
 * (default 500) in 20 systems and 10 AWS accounts, each depending on its
 * parent in a 4-ary tree rooted at svc-000 plus one deterministic cross
 * dependency, so the whole estate lies within 6 hops of svc-000.
 *
 *   node bench/frontend/estate.mjs OUT.yaml [N]
 */
import fs from 'node:fs';

const [out, n = '500'] = process.argv.slice(2);
const count = Number(n);
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const name = i => `svc-${String(i).padStart(3, '0')}`;
const docs = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-bench' },
    spec: { type: 'team', children: [] },
  },
];
for (let s = 0; s < 20; s++) {
  docs.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: `bench-system-${s}` },
    spec: { owner: 'team-bench' },
  });
}
for (let i = 0; i < count; i++) {
  const dependsOn = [];
  if (i > 0) dependsOn.push(`component:${name(Math.floor((i - 1) / 4))}`);
  const cross = Math.floor(random() * count);
  if (cross !== i && i > 0) dependsOn.push(`component:${name(cross)}`);
  docs.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: name(i),
      annotations: {
        'cloudops.ai/aws-account-id': String(100000000000 + (i % 10)),
        'cloudops.ai/environment': 'production',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-bench',
      system: `bench-system-${i % 20}`,
      dependsOn: [...new Set(dependsOn)],
    },
  });
}
fs.writeFileSync(out, docs.map(d => JSON.stringify(d)).join('\n---\n'));
console.error(`wrote ${count} components to ${out}`);
