#!/usr/bin/env node
/*
 * Sizes of a built app's JavaScript (packages/app/dist/static/*.js): total
 * bytes raw and gzipped, and the largest chunks. With two dists, the second
 * built without the CloudOps plugin, also the difference: what the plugin
 * adds to the app.
 *
 *   node bench/frontend/bundle.mjs DIST_WITH [DIST_WITHOUT]
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

function measure(dist) {
  const dir = path.join(dist, 'static');
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const content = fs.readFileSync(path.join(dir, file));
    raw += content.length;
    gzip += zlib.gzipSync(content, { level: 9 }).length;
  }
  return { files: files.length, raw, gzip };
}

const [withPlugin, withoutPlugin] = process.argv.slice(2);
const result = { with: measure(withPlugin) };
if (withoutPlugin) {
  result.without = measure(withoutPlugin);
  result.added = {
    raw: result.with.raw - result.without.raw,
    gzip: result.with.gzip - result.without.gzip,
  };
}
console.log(JSON.stringify(result));
