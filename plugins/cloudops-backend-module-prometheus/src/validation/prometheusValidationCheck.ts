import { Config } from '@backstage/config';
import {
  ValidationResult,
  ValidationStatus,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsValidationCheck } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { readPrometheusOptions, ServerOptions } from '../config';
import { callServer } from '../http/callServer';

const CHECK = 'prometheus';
const TIMEOUT_MS = 10_000;
const MAX_BYTES = 1024 * 1024;

/**
 * Asks one server for its version (a read every Prometheus and Alertmanager
 * answers, with the configured credentials): the row says whether it
 * answered, with what version, or why not.
 */
async function probe(
  server: ServerOptions,
  what: string,
  path: string,
  version: (body: any) => string | undefined,
  signal: AbortSignal,
): Promise<{ status: ValidationStatus; detail: string }> {
  try {
    const { status, body } = await callServer(server, what, {
      method: 'GET',
      path,
      signal,
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    });
    if (status >= 300) {
      return {
        status: 'fail',
        detail: `${what} answered ${status} to GET ${path}: ${body.slice(
          0,
          200,
        )}`,
      };
    }
    let found: string | undefined;
    try {
      found = version(JSON.parse(body));
    } catch {
      found = undefined;
    }
    return found
      ? { status: 'pass', detail: `reachable (version ${found})` }
      : {
          status: 'fail',
          detail: `${what} answered GET ${path} with something else than its API: is the URL the server's base URL?`,
        };
  } catch (error) {
    return { status: 'fail', detail: (error as Error).message };
  }
}

/**
 * Prometheus and Alertmanager of every cluster in `cloudops.prometheus`:
 * reachable, credentials accepted, and their versions. Reads only.
 *
 * @public
 */
export function prometheusValidationCheck(options: {
  config: Config;
}): CloudopsValidationCheck {
  return {
    id: CHECK,
    async run({ signal }) {
      let clusters;
      try {
        clusters = readPrometheusOptions(options.config).clusters;
      } catch (error) {
        return [
          {
            check: CHECK,
            target: 'cloudops.prometheus',
            status: 'fail',
            detail: (error as Error).message,
          },
        ];
      }
      if (clusters.length === 0) {
        return [
          {
            check: CHECK,
            target: 'cloudops.prometheus.clusters',
            status: 'skip',
            detail: 'not configured: no Prometheus or Alertmanager is read',
          },
        ];
      }
      const probes: Array<Promise<ValidationResult>> = [];
      for (const cluster of clusters) {
        if (cluster.prometheus) {
          const what = `Prometheus of cluster ${cluster.name} (${cluster.prometheus.url})`;
          probes.push(
            probe(
              cluster.prometheus,
              what,
              '/api/v1/status/buildinfo',
              body => body?.data?.version,
              signal,
            ).then(row => ({
              check: CHECK,
              target: `${cluster.name} prometheus ${cluster.prometheus!.url}`,
              ...row,
            })),
          );
        }
        if (cluster.alertmanager) {
          const what = `Alertmanager of cluster ${cluster.name} (${cluster.alertmanager.url})`;
          probes.push(
            probe(
              cluster.alertmanager,
              what,
              '/api/v2/status',
              body => body?.versionInfo?.version,
              signal,
            ).then(row => ({
              check: CHECK,
              target: `${cluster.name} alertmanager ${
                cluster.alertmanager!.url
              }`,
              ...row,
            })),
          );
        }
      }
      return Promise.all(probes);
    },
  };
}
