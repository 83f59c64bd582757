#!/usr/bin/env node
/*
 * Converts the RCD Sock Shop dataset (../shared/datasets/rcd-sockshop, 50
 * cases: 5 services × {cpu hog, memory leak} × 5 runs) into RCA case files.
 *
 *   node bench/rca/convert-sockshop.mjs [--out bench/rca/cases] [--limit N]
 *
 * Each case joins a run's normal.csv and anomalous.csv; the fault is active
 * from the first row of anomalous.csv, which is the case's faultTime (the
 * normal period comes before it; the one run that recorded it afterwards is
 * shifted to just before). Every
 * column becomes one series of its service (`carts_cpu` → carts, cpu); no call
 * graph is given, so the case has none. The label (from the folder name) goes
 * to labels.jsonl only.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  numberOrNull,
  parseArgs,
  readCsv,
  repoRoot,
  sharedDir,
  writeDataset,
} from './lib.mjs';

const SUFFIXES = [
  ['_cpu', 'cpu', '%'],
  ['_mem', 'memory', 'bytes'],
  ['_lod', 'traffic', 'requests/s'],
  ['_lat_50', 'latency', 's'],
  ['_lat_90', 'latency', 's'],
  ['_lat_99', 'latency', 's'],
];

function seriesOf(column) {
  for (const [suffix, kind, unit] of SUFFIXES) {
    if (column.endsWith(suffix)) {
      return { service: column.slice(0, -suffix.length), kind, unit };
    }
  }
  return { service: column, kind: 'other' };
}

export function convertSockShop({ out, limit = Infinity }) {
  const root = path.join(sharedDir(), 'datasets/rcd-sockshop/sock-shop-data');
  if (!fs.existsSync(root)) throw new Error(`No Sock Shop data at ${root}`);
  const cases = [];
  for (const folder of fs.readdirSync(root).sort()) {
    const [service, fault] = [
      folder.slice(0, folder.lastIndexOf('-')),
      folder.slice(folder.lastIndexOf('-') + 1),
    ];
    const runs = fs.readdirSync(path.join(root, folder)).sort();
    for (const run of runs) {
      if (cases.length >= limit) break;
      const dir = path.join(root, folder, run);
      const normal = readCsv(path.join(dir, 'normal.csv'));
      const anomalous = readCsv(path.join(dir, 'anomalous.csv'));
      const faultTime = anomalous.columns[0][0];
      // One run (orders-mem/5) recorded its normal period after the fault:
      // it is still the service's normal behaviour, so shift it to end one
      // second before the fault time.
      const normalTimes = normal.columns[0];
      const shift = Math.min(
        0,
        faultTime - 1 - normalTimes[normalTimes.length - 1],
      );
      const timestamps = [
        ...normalTimes.map(t => t + shift),
        ...anomalous.columns[0],
      ];
      const rows = [
        ...normalTimes.map((_, i) => [normal, i]),
        ...anomalous.columns[0].map((_, i) => [anomalous, i]),
      ];
      const series = normal.header.slice(1).map(column => {
        const values = rows.map(([part, i]) =>
          numberOrNull(part.columns[part.header.indexOf(column)]?.[i]),
        );
        return { ...seriesOf(column), metric: column, timestamps, values };
      });
      cases.push({
        rcaCase: {
          id: `sockshop-${String(cases.length + 1).padStart(2, '0')}`,
          faultTime,
          series,
        },
        label: {
          rootCause: service,
          fault: fault === 'mem' ? 'memory' : fault,
          visible: true,
          source: `${folder}/${run}`,
        },
      });
    }
  }
  return writeDataset(out, 'sockshop', cases);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  const dir = convertSockShop({
    out: path.resolve(args.out ?? path.join(repoRoot, 'bench/rca/cases')),
    limit: args.limit ? Number(args.limit) : Infinity,
  });
  process.stderr.write(`Sock Shop cases written to ${dir}\n`);
}
