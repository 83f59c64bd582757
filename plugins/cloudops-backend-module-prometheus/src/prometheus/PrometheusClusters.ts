import { NotFoundError } from '@backstage/errors';
import { ClusterOptions, PrometheusOptions } from '../config';
import { PrometheusClient } from './PrometheusClient';

/** The configured clusters that have a Prometheus, each with its client. */
export class PrometheusClusters {
  private readonly clients = new Map<string, PrometheusClient>();
  private readonly clusters = new Map<string, ClusterOptions>();

  constructor(options: Pick<PrometheusOptions, 'clusters' | 'query'>) {
    for (const cluster of options.clusters) {
      this.clusters.set(cluster.name, cluster);
      if (cluster.prometheus) {
        this.clients.set(
          cluster.name,
          new PrometheusClient({
            cluster: cluster.name,
            server: cluster.prometheus,
            limits: options.query,
          }),
        );
      }
    }
  }

  /** The clusters whose Prometheus can be queried. */
  names(): string[] {
    return [...this.clients.keys()];
  }

  /** @throws NotFoundError when no Prometheus is configured for `cluster` */
  client(cluster: string): PrometheusClient {
    const client = this.clients.get(cluster);
    if (!client) {
      throw new NotFoundError(
        `No Prometheus is configured for cluster ${JSON.stringify(
          cluster,
        )}; configured: ${this.names().join(', ') || 'none'}`,
      );
    }
    return client;
  }

  environment(cluster: string): string | undefined {
    return this.clusters.get(cluster)?.environment;
  }

  /** The configured AWS region of the cluster, if any. */
  region(cluster: string): string | undefined {
    return this.clusters.get(cluster)?.region;
  }
}
