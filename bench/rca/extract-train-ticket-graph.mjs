#!/usr/bin/env node
/*
 * Derives the Train Ticket call graph from Train Ticket's own source
 * (https://github.com/FudanSELab/train-ticket, Apache-2.0), the way a
 * catalog's `dependsOn` relations would be written from the code: an edge
 * A → B when a file in service A's folder (`ts-a-service/…`) names service B
 * as the host it calls. One rule, three spellings of it:
 *
 *   - a URL:               "http://ts-b-service:12345/api/…"   (0.x services,
 *                          nginx `proxy_pass http://ts-b-service:…`)
 *   - service discovery:   getServiceUrl("ts-b-service")        (1.x services)
 *   - a gateway route:     uri: lb://${B_HOST:ts-b-service}     (ts-gateway-service)
 *
 * The UI (ts-ui-dashboard) and the gateway call services through their route
 * config, so those files are read by the same rule. Calls made through a
 * shared client library (a Feign client in ts-common) or a message queue are
 * not in the caller's folder and are not seen.
 *
 *   node bench/rca/extract-train-ticket-graph.mjs --src <train-ticket checkout>
 *        [--sources bench/rca/train-ticket-sources.json]
 *        [--out bench/rca/train-ticket-graph.json]
 *
 * `--sources` lists the files read (path → commit, and where they came
 * from); only those files are scanned. Without it, every source file under
 * `ts-*` folders is.
 */
import fs from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { parseArgs, repoRoot } from './lib.mjs';

const CALLEE =
  /(?:https?:\/\/|getServiceUrl\(\s*"|lb:\/\/\$\{[A-Z0-9_]+:)(ts-[a-z0-9-]+)/g;
const SOURCE_FILE = /\.(java|py|js|go|ya?ml|conf)$/;

/** The services a text calls, by the rule above, in order of first mention. */
export function calleesIn(text) {
  const names = new Set();
  for (const match of text.matchAll(CALLEE)) names.add(match[1]);
  return [...names];
}

/** `ts-x-service/src/…` → `ts-x-service`; undefined outside a service folder. */
export function serviceOfPath(file) {
  const [top] = file.split('/');
  return top.startsWith('ts-') ? top : undefined;
}

function listSourceFiles(root) {
  const files = [];
  const walk = relative => {
    for (const entry of fs.readdirSync(path.join(root, relative), {
      withFileTypes: true,
    })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (SOURCE_FILE.test(entry.name)) files.push(child);
    }
  };
  for (const top of fs.readdirSync(root)) {
    if (
      top.startsWith('ts-') &&
      fs.statSync(path.join(root, top)).isDirectory()
    ) {
      walk(top);
    }
  }
  return files.sort();
}

/**
 * Edges (caller, callee) found in `files` under `root`, each with the files
 * that gave it; self-calls are left out.
 */
export function extractGraph(root, files) {
  const edges = new Map();
  for (const file of files) {
    const caller = serviceOfPath(file);
    if (!caller) continue;
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const callee of calleesIn(text)) {
      if (callee === caller) continue;
      const key = `${caller} ${callee}`;
      const entry = edges.get(key) ?? { caller, callee, files: [] };
      entry.files.push(file);
      edges.set(key, entry);
    }
  }
  return [...edges.values()].sort(
    (a, b) =>
      a.caller.localeCompare(b.caller) || a.callee.localeCompare(b.callee),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  if (!args.src) {
    process.stderr.write(
      'Usage: extract-train-ticket-graph.mjs --src <train-ticket checkout> [--sources FILE] [--out FILE]\n',
    );
    process.exit(2);
  }
  const sources = args.sources
    ? JSON.parse(fs.readFileSync(args.sources, 'utf8'))
    : undefined;
  const files = sources
    ? Object.keys(sources.files).sort()
    : listSourceFiles(args.src);
  for (const file of files) {
    if (!fs.existsSync(path.join(args.src, file))) {
      throw new Error(`${file} (listed in --sources) is not under ${args.src}`);
    }
  }
  const edges = extractGraph(args.src, files);
  const out = path.resolve(
    args.out ?? path.join(repoRoot, 'bench/rca/train-ticket-graph.json'),
  );
  const graph = {
    description:
      'Train Ticket call graph: caller → callee, from the service source by bench/rca/extract-train-ticket-graph.mjs',
    repository:
      sources?.repository ?? 'https://github.com/FudanSELab/train-ticket',
    license: sources?.license ?? 'Apache-2.0',
    filesRead: files.length,
    edges: edges.map(({ caller, callee, files: from }) => ({
      caller,
      callee,
      from: from.map(file =>
        sources ? `${file}@${sources.files[file].slice(0, 12)}` : file,
      ),
    })),
  };
  // Formatted as the repository's prettier check expects.
  fs.writeFileSync(
    out,
    await prettier.format(JSON.stringify(graph), { parser: 'json' }),
  );
  process.stderr.write(
    `${edges.length} edges from ${files.length} files → ${out}\n`,
  );
}
