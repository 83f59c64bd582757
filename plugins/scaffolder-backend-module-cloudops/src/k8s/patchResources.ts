import { InputError } from '@backstage/errors';
import { Document, isMap, isSeq, parseAllDocuments } from 'yaml';

/** CPU and memory quantities, e.g. `{ cpu: '250m', memory: '512Mi' }`. */
export interface ResourceQuantities {
  cpu?: string;
  memory?: string;
}

/** Which requests/limits to write, and where. */
export interface ResourcesChange {
  /** A manifest (workloads found by kind) or a Helm values file (a path). */
  format: 'manifest' | 'helm-values';
  /** Manifest: only the workload of this name (`metadata.name`). */
  workload?: string;
  /** Manifest: only this container; required when a workload has several. */
  container?: string;
  /** Helm values: dotted path of the resources block, e.g. `api.resources`. */
  valuesPath?: string;
  requests?: ResourceQuantities;
  limits?: ResourceQuantities;
}

/** Where each workload kind keeps its pod's containers. */
const CONTAINERS_PATH: Record<string, string[]> = {
  Deployment: ['spec', 'template', 'spec', 'containers'],
  StatefulSet: ['spec', 'template', 'spec', 'containers'],
  DaemonSet: ['spec', 'template', 'spec', 'containers'],
  ReplicaSet: ['spec', 'template', 'spec', 'containers'],
  Job: ['spec', 'template', 'spec', 'containers'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers'],
  Pod: ['spec', 'containers'],
};

/**
 * Rewrites CPU/memory requests and limits in a Kubernetes manifest (one or
 * more YAML documents) or a Helm values file, changing only those values:
 * comments, key order, quoting and the other documents stay as they were
 * (the `yaml` package's Document API; untouched documents are kept byte for
 * byte). Returns the new text and one line per value changed.
 */
export function patchResources(
  source: string,
  change: ResourcesChange,
  file = 'the file',
): { text: string; changes: string[] } {
  const settings = quantities(change);
  if (settings.length === 0) {
    throw new InputError('Give at least one request or limit to set');
  }
  const docs = parseAllDocuments(source) as Document.Parsed[];
  if (docs.length === 0) {
    throw new InputError(`${file} is empty`);
  }
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      throw new InputError(
        `${file} is not valid YAML (document ${i + 1}): ${
          doc.errors[0].message
        }`,
      );
    }
  });

  const changes: string[] = [];
  const changed = new Set<number>();
  const targets =
    change.format === 'helm-values'
      ? helmTarget(docs, change, file)
      : manifestTargets(docs, change, file);
  for (const { doc, path, label } of targets) {
    for (const [section, key, value] of settings) {
      const at = [...path, section, key];
      const before = doc.getIn(at);
      if (String(before ?? '') === value) continue;
      doc.setIn(at, value);
      changes.push(
        `${label} ${section}.${key}: ${before ?? '(unset)'} → ${value}`,
      );
      changed.add(docs.indexOf(doc as Document.Parsed));
    }
  }

  // Changed documents re-rendered, the others kept exactly as written.
  const text = docs
    .map((doc, i) => {
      const start = i === 0 ? 0 : doc.range[0];
      const end = i + 1 < docs.length ? docs[i + 1].range[0] : source.length;
      return changed.has(i) ? doc.toString() : source.slice(start, end);
    })
    .join('');
  return { text, changes };
}

function quantities(change: ResourcesChange): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  for (const section of ['requests', 'limits'] as const) {
    for (const key of ['cpu', 'memory'] as const) {
      const value = change[section]?.[key];
      if (value !== undefined) out.push([section, key, value]);
    }
  }
  return out;
}

interface Target {
  doc: Document;
  /** Path of the `resources` block. */
  path: Array<string | number>;
  label: string;
}

function helmTarget(docs: Document[], change: ResourcesChange, file: string) {
  if (docs.length !== 1) {
    throw new InputError(
      `${file} has ${docs.length} YAML documents; a Helm values file has one`,
    );
  }
  const path = (change.valuesPath ?? 'resources').split('.').filter(Boolean);
  const parent =
    path.length > 1 ? docs[0].getIn(path.slice(0, -1)) : docs[0].contents;
  if (parent !== undefined && parent !== null && !isMap(parent)) {
    throw new InputError(
      `${file}: ${path.slice(0, -1).join('.')} is not a map, so ${path.join(
        '.',
      )} cannot be set`,
    );
  }
  return [{ doc: docs[0], path, label: path.join('.') }];
}

function manifestTargets(
  docs: Document[],
  change: ResourcesChange,
  file: string,
): Target[] {
  const targets: Target[] = [];
  const seen: string[] = [];
  for (const doc of docs) {
    const kind = doc.get('kind');
    const containersPath =
      typeof kind === 'string' ? CONTAINERS_PATH[kind] : undefined;
    if (!containersPath) continue;
    const name = String(doc.getIn(['metadata', 'name']) ?? '');
    seen.push(`${kind}/${name}`);
    if (change.workload && name !== change.workload) continue;
    const containers = doc.getIn(containersPath);
    if (!isSeq(containers) || containers.items.length === 0) {
      throw new InputError(`${file}: ${kind}/${name} has no containers`);
    }
    const names = containers.items.map(item =>
      isMap(item) ? String(item.get('name') ?? '') : '',
    );
    let index: number;
    if (change.container) {
      index = names.indexOf(change.container);
      if (index < 0) {
        throw new InputError(
          `${file}: ${kind}/${name} has no container ${
            change.container
          } (it has ${names.join(', ')})`,
        );
      }
    } else if (names.length === 1) {
      index = 0;
    } else {
      throw new InputError(
        `${file}: ${kind}/${name} has ${names.length} containers (${names.join(
          ', ',
        )}); name the container`,
      );
    }
    targets.push({
      doc,
      path: [...containersPath, index, 'resources'],
      label: `${kind}/${name} container ${names[index]}`,
    });
  }
  if (targets.length === 0) {
    throw new InputError(
      change.workload
        ? `${file} has no workload named ${change.workload} (found: ${
            seen.join(', ') || 'none'
          })`
        : `${file} has no Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod`,
    );
  }
  return targets;
}
