import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  ServiceRef,
} from '@backstage/backend-plugin-api';
import { readPrometheusOptions } from './config';
import {
  KubernetesUsage,
  KubernetesUsageService,
} from './kubernetes/KubernetesUsage';
import { PrometheusClusters } from './prometheus/PrometheusClusters';
import {
  PrometheusSeries,
  PrometheusSeriesService,
} from './prometheus/PrometheusSeries';

function clustersFactory<T>(
  service: ServiceRef<T, 'root'>,
  create: (clusters: PrometheusClusters) => T,
) {
  return createServiceFactory({
    service,
    deps: { config: coreServices.rootConfig },
    factory: ({ config }) =>
      create(new PrometheusClusters(readPrometheusOptions(config))),
  });
}

/**
 * Series ranges from the configured Prometheus servers, for evidence (RCA,
 * anomaly detection). Depend on it in any backend plugin or module; it reads
 * `cloudops.prometheus.clusters`.
 *
 * @public
 */
export const prometheusSeriesServiceRef =
  createServiceRef<PrometheusSeriesService>({
    id: 'cloudops.prometheus.series',
    scope: 'root',
    defaultFactory: async service =>
      clustersFactory(service, clusters => new PrometheusSeries(clusters)),
  });

/**
 * Kubernetes usage (requests against usage per workload, node usage and
 * idle nodes) through the configured Prometheus servers, for the waste
 * detectors.
 *
 * @public
 */
export const kubernetesUsageServiceRef =
  createServiceRef<KubernetesUsageService>({
    id: 'cloudops.prometheus.kubernetes-usage',
    scope: 'root',
    defaultFactory: async service =>
      clustersFactory(service, clusters => new KubernetesUsage(clusters)),
  });
