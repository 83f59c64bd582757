#!/usr/bin/env node
/*
 * Converts the Nezha dataset (../shared/datasets/nezha: Online Boutique, 56
 * injected faults; Train Ticket, 45) into RCA case files, metrics only.
 *
 *   node bench/rca/convert-nezha.mjs [--out bench/rca/cases] [--limit N]
 *
 * A case covers BEFORE_S before the injection and AFTER_S after it, cut at
 * the next injection (one case never sees the next fault). Faults were
 * injected every seven to nine minutes for hours, so the minutes of earlier
 * injections (FAULT_S from each) are left out: the baseline is then the
 * system's normal behaviour, as it is in production, where incidents do not
 * come every eight minutes. Series per pod (service = pod name without its ReplicaSet and pod
 * suffixes): CPU, memory, syscalls, network bytes, client and server latency
 * percentiles, workload and success rate. Node-level columns are left out
 * (they belong to the node, shared by every pod on it). The front end's SLI
 * series (front_service.csv) belong to the front service; per-edge latency
 * (source_50/destination_50.csv, Online Boutique only) to the called service.
 * The call graph comes from dependency.csv (Online Boutique only); for Train
 * Ticket, which has none in the dataset, from train-ticket-graph.json, derived
 * from Train Ticket's own source by extract-train-ticket-graph.mjs (what a
 * catalog would hold, not the dataset's labels). Edges between services the
 * deployment does not run are left out. `inject_time` is read as UTC: Train
 * Ticket's `inject_timestamp` is eight hours off the metrics' clock.
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

const BEFORE_S = 30 * 60;
const AFTER_S = 5 * 60;
/** How long an injected fault and its recovery last (3 to 6.5 minutes in the data). */
const FAULT_S = 7 * 60;

const SYSTEMS = [
  {
    dataset: 'nezha-ob',
    days: ['2022-08-22', '2022-08-23'],
    front: 'frontend',
  },
  {
    dataset: 'nezha-tt',
    days: ['2023-01-29', '2023-01-30'],
    front: 'ts-ui-dashboard',
    graphFile: 'train-ticket-graph.json',
  },
];

/** Metric-visible faults; `return` and `exception` are code-level. */
const CODE_LEVEL = new Set(['return', 'exception']);

const POD_COLUMNS = {
  'CpuUsage(m)': ['cpu', 'millicores'],
  'CpuUsageRate(%)': ['cpu', '%'],
  'MemoryUsage(Mi)': ['memory', 'MiB'],
  'MemoryUsageRate(%)': ['memory', '%'],
  SyscallRead: ['other', 'calls'],
  SyscallWrite: ['other', 'calls'],
  NetworkReceiveBytes: ['traffic', 'bytes'],
  NetworkTransmitBytes: ['traffic', 'bytes'],
  'PodClientLatencyP90(s)': ['latency', 's'],
  'PodServerLatencyP90(s)': ['latency', 's'],
  'PodClientLatencyP95(s)': ['latency', 's'],
  'PodServerLatencyP95(s)': ['latency', 's'],
  'PodClientLatencyP99(s)': ['latency', 's'],
  'PodServerLatencyP99(s)': ['latency', 's'],
  'PodWorkload(Ops)': ['traffic', 'ops'],
  'PodSuccessRate(%)': ['availability', '%'],
};

const FRONT_COLUMNS = {
  'SuccessRate(%)': ['availability', '%'],
  'LatencyP50(s)': ['latency', 's'],
  'LatencyP90(s)': ['latency', 's'],
  'LatencyP95(s)': ['latency', 's'],
  'LatencyP99(s)': ['latency', 's'],
};

/** `ts-order-service-5b67c48447-mv5hb` → `ts-order-service`. */
export function serviceOfPod(pod) {
  return pod.split('-').slice(0, -2).join('-');
}

/**
 * A table's rows between `from` and `to` (unix seconds), outside the
 * `excluded` intervals, as series.
 */
function window(table, timeColumn, columns, { from, to, excluded }) {
  const times = table.columns[table.header.indexOf(timeColumn)];
  const rows = [];
  times.forEach((t, i) => {
    if (
      typeof t === 'number' &&
      t >= from &&
      t < to &&
      !excluded.some(([a, b]) => t >= a && t < b)
    ) {
      rows.push(i);
    }
  });
  const timestamps = rows.map(i => times[i]);
  return Object.entries(columns).flatMap(([column, [kind, unit]]) => {
    const data = table.columns[table.header.indexOf(column)];
    if (!data) return [];
    return [
      {
        metric: column,
        kind,
        unit,
        timestamps,
        values: rows.map(i => numberOrNull(data[i])),
      },
    ];
  });
}

function readDay(dir) {
  const metricDir = path.join(dir, 'metric');
  const pods = fs
    .readdirSync(metricDir)
    .filter(f => f.endsWith('_metric.csv'))
    .map(f => ({
      service: serviceOfPod(f.slice(0, -'_metric.csv'.length)),
      table: readCsv(path.join(metricDir, f)),
    }));
  const optional = name =>
    fs.existsSync(path.join(metricDir, name))
      ? readCsv(path.join(metricDir, name))
      : undefined;
  return {
    pods,
    front: optional('front_service.csv'),
    edges: ['source_50.csv', 'destination_50.csv'].flatMap(name => {
      const table = optional(name);
      return table ? [{ side: name.split('_')[0], table }] : [];
    }),
    dependencies: optional('dependency.csv')
      ? fs
          .readFileSync(path.join(metricDir, 'dependency.csv'), 'utf8')
          .split(/\r?\n/)
          .slice(1)
          .filter(Boolean)
          .map(line => line.split(',').slice(0, 2))
      : undefined,
  };
}

/** The call graph a system's source gives, as [caller, callee] pairs. */
function graphFromSource(file) {
  const { edges } = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'bench/rca', file), 'utf8'),
  );
  return edges.map(({ caller, callee }) => [caller, callee]);
}

function faultsOf(dir, day) {
  const list = JSON.parse(
    fs.readFileSync(path.join(dir, `${day}-fault_list.json`), 'utf8'),
  );
  return Object.values(list)
    .flat()
    .map(f => ({
      time: Date.parse(`${f.inject_time.replace(' ', 'T')}Z`) / 1000,
      service: serviceOfPod(f.inject_pod),
      type: f.inject_type,
      source: `${f.inject_time} ${f.inject_pod}`,
    }))
    .sort((a, b) => a.time - b.time);
}

function caseOf(data, system, faults, i, index) {
  const fault = faults[i];
  const from = fault.time - BEFORE_S;
  const span = {
    from,
    to: Math.min(fault.time + AFTER_S, faults[i + 1]?.time ?? Infinity),
    excluded: faults
      .slice(0, i)
      .filter(f => f.time + FAULT_S > from)
      .map(f => [f.time, f.time + FAULT_S]),
  };
  const services = new Set(data.pods.map(p => p.service));
  const series = data.pods.flatMap(({ service, table }) =>
    window(table, 'TimeStamp', POD_COLUMNS, span).map(s => ({
      service,
      ...s,
    })),
  );
  if (data.front) {
    series.push(
      ...window(data.front, 'TimeStamp', FRONT_COLUMNS, span).map(s => ({
        service: system.front,
        ...s,
        metric: `front ${s.metric}`,
      })),
    );
  }
  for (const { side, table } of data.edges) {
    const columns = Object.fromEntries(
      table.header.slice(2).map(c => [c, ['latency', 's']]),
    );
    for (const s of window(table, 'timestamp', columns, span)) {
      const [caller, callee] = s.metric.split('_');
      if (!services.has(callee)) continue;
      series.push({
        ...s,
        service: callee,
        metric: `${side} P50 latency ${caller}→${callee}`,
      });
    }
  }
  const graph = data.dependencies
    ?.filter(([a, b]) => services.has(a) && services.has(b))
    .map(([a, b]) => [a, b]);
  return {
    rcaCase: {
      id: `${system.dataset}-${String(index + 1).padStart(3, '0')}`,
      faultTime: fault.time,
      symptom: { service: system.front },
      services: [...services].sort(),
      ...(graph ? { graph } : {}),
      series,
    },
    label: {
      rootCause: fault.service,
      fault: fault.type,
      visible: !CODE_LEVEL.has(fault.type),
      source: fault.source,
    },
  };
}

export function convertNezha({ out, limit = Infinity }) {
  const root = path.join(sharedDir(), 'datasets/nezha/rca_data');
  if (!fs.existsSync(root)) throw new Error(`No Nezha data at ${root}`);
  return SYSTEMS.map(system => {
    const cases = [];
    const sourceGraph = system.graphFile && graphFromSource(system.graphFile);
    for (const day of system.days) {
      const dir = path.join(root, day);
      const data = readDay(dir);
      data.dependencies ??= sourceGraph;
      const faults = faultsOf(dir, day);
      faults.forEach((_, i) => {
        if (cases.length < limit) {
          cases.push(caseOf(data, system, faults, i, cases.length));
        }
      });
    }
    return writeDataset(out, system.dataset, cases);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  const dirs = convertNezha({
    out: path.resolve(args.out ?? path.join(repoRoot, 'bench/rca/cases')),
    limit: args.limit ? Number(args.limit) : Infinity,
  });
  process.stderr.write(`Nezha cases written to ${dirs.join(', ')}\n`);
}
