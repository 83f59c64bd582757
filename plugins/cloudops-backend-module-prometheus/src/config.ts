import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** How to authenticate to a server, or how a caller must authenticate. */
export type Credentials =
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string };

/** A server we call: Prometheus or Alertmanager. */
export interface ServerOptions {
  url: string;
  credentials?: Credentials;
  headers: Record<string, string>;
}

export interface ClusterOptions {
  name: string;
  environment?: string;
  /** The AWS region its nodes run in, when their labels do not say. */
  region?: string;
  prometheus?: ServerOptions & { timeoutMs: number };
  alertmanager?: ServerOptions;
}

export interface QueryOptions {
  frequencyMs: number;
  stepMs: number;
  lookbackMs: number;
  maxResponseBytes: number;
  maxSeries: number;
}

export interface ReceiverOptions {
  name: string;
  cluster?: string;
  credentials: Credentials;
}

/** The module's settings from `cloudops.prometheus`, with their defaults. */
export interface PrometheusOptions {
  clusters: ClusterOptions[];
  query: QueryOptions;
  webhook: { receivers: ReceiverOptions[]; maxBodyBytes: number };
  silences: { onAcknowledge: boolean; durationMs: number };
  /** The Kubernetes waste detectors. */
  waste: WasteOptions;
}

/** `cloudops.prometheus.waste`. */
export interface WasteOptions {
  enabled: boolean;
  /** Resolution of the usage read over the look-back. */
  stepMs: number;
  /** How often each cluster is scanned (default: the savings scan interval). */
  frequencyMs?: number;
}

const MiB = 1024 * 1024;

function durationMs(config: Config, key: string, fallback: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallback;
}

function readCredentials(config: Config, path: string): Credentials {
  const token = config.getOptionalString('bearerToken');
  const basic = config.getOptionalConfig('basic');
  if (token && basic) {
    throw new Error(
      `${path}: give either bearerToken or basic credentials, not both`,
    );
  }
  if (token) return { type: 'bearer', token };
  if (basic) {
    return {
      type: 'basic',
      username: basic.getString('username'),
      password: basic.getString('password'),
    };
  }
  throw new Error(`${path}: give a bearerToken or basic credentials`);
}

function readServer(config: Config, path: string): ServerOptions {
  const url = config.getString('url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${path}.url: not a URL: ${JSON.stringify(url)}`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) {
    throw new Error(`${path}.url: must be http or https (got ${url})`);
  }
  const headers = config.getOptionalConfig('headers');
  return {
    url: url.replace(/\/+$/, ''),
    credentials: config.has('auth')
      ? readCredentials(config.getConfig('auth'), `${path}.auth`)
      : undefined,
    headers: Object.fromEntries(
      (headers?.keys() ?? []).map(key => [key, headers!.getString(key)]),
    ),
  };
}

function unique(names: string[], path: string) {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new Error(`${path}: ${JSON.stringify(name)} is named twice`);
    }
    seen.add(name);
  }
}

/**
 * Reads `cloudops.prometheus`. Without it everything is empty and off: no
 * cluster is read, the webhook takes no delivery, no silence is made.
 *
 * @throws Error naming the config key when a setting is wrong
 */
export function readPrometheusOptions(root: Config): PrometheusOptions {
  const config = root.getOptionalConfig('cloudops.prometheus');
  const base = 'cloudops.prometheus';
  const clusters = (config?.getOptionalConfigArray('clusters') ?? []).map(
    (cluster, i): ClusterOptions => {
      const path = `${base}.clusters[${i}]`;
      const prometheus = cluster.getOptionalConfig('prometheus');
      const alertmanager = cluster.getOptionalConfig('alertmanager');
      return {
        name: cluster.getString('name'),
        environment: cluster.getOptionalString('environment'),
        region: cluster.getOptionalString('region'),
        prometheus: prometheus && {
          ...readServer(prometheus, `${path}.prometheus`),
          timeoutMs: durationMs(prometheus, 'timeout', 30_000),
        },
        alertmanager:
          alertmanager && readServer(alertmanager, `${path}.alertmanager`),
      };
    },
  );
  unique(
    clusters.map(c => c.name),
    `${base}.clusters`,
  );

  const query = config?.getOptionalConfig('query');
  const stepMs = query ? durationMs(query, 'step', 60_000) : 60_000;
  if (stepMs < 1000) {
    throw new Error(`${base}.query.step: must be at least 1s`);
  }
  const frequencyMs = query ? durationMs(query, 'frequency', 60_000) : 60_000;
  const lookbackMs = query ? durationMs(query, 'lookback', 600_000) : 600_000;
  if (frequencyMs > lookbackMs) {
    throw new Error(
      `${base}.query.frequency: ${
        frequencyMs / 1000
      }s is longer than ${base}.query.lookback (${
        lookbackMs / 1000
      }s), so the steps between two reads would never be read: read more often or look further back`,
    );
  }

  const receivers = (
    config?.getOptionalConfigArray('webhook.receivers') ?? []
  ).map((receiver, i): ReceiverOptions => {
    const path = `${base}.webhook.receivers[${i}]`;
    const cluster = receiver.getOptionalString('cluster');
    // Silences and RCA series find a cluster by its configured name.
    if (
      cluster !== undefined &&
      clusters.length > 0 &&
      !clusters.some(c => c.name === cluster)
    ) {
      throw new Error(
        `${path}.cluster: ${JSON.stringify(
          cluster,
        )} is not a configured cluster (${base}.clusters: ${clusters
          .map(c => c.name)
          .join(', ')})`,
      );
    }
    return {
      name: receiver.getString('name'),
      cluster,
      credentials: readCredentials(receiver.getConfig('auth'), `${path}.auth`),
    };
  });
  unique(
    receivers.map(r => r.name),
    `${base}.webhook.receivers`,
  );

  const waste = config?.getOptionalConfig('waste');
  const wasteStepMs = waste ? durationMs(waste, 'step', 300_000) : 300_000;
  if (wasteStepMs < 1000) {
    throw new Error(`${base}.waste.step: must be at least 1s`);
  }

  return {
    clusters,
    waste: {
      enabled: waste?.getOptionalBoolean('enabled') ?? true,
      stepMs: wasteStepMs,
      frequencyMs: waste?.has('frequency')
        ? durationMs(waste, 'frequency', 0)
        : undefined,
    },
    query: {
      frequencyMs,
      stepMs,
      lookbackMs,
      maxResponseBytes:
        query?.getOptionalNumber('maxResponseBytes') ?? 16 * MiB,
      maxSeries: query?.getOptionalNumber('maxSeries') ?? 10_000,
    },
    webhook: {
      receivers,
      maxBodyBytes:
        config?.getOptionalNumber('webhook.maxBodyBytes') ?? 5 * MiB,
    },
    silences: {
      onAcknowledge:
        config?.getOptionalBoolean('silences.onAcknowledge') ?? false,
      durationMs: config?.has('silences.duration')
        ? durationMs(config, 'silences.duration', 0)
        : 4 * 3600_000,
    },
  };
}
