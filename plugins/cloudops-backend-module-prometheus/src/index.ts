/**
 * The prometheus backend module for the cloudops plugin: the Alertmanager
 * webhook receiver, the PromQL source, Kubernetes signals and usage queries.
 *
 * @packageDocumentation
 */

export { cloudopsModulePrometheus as default } from './module';
export {
  prometheusSeriesServiceRef,
  kubernetesUsageServiceRef,
} from './services';
export type {
  PrometheusSeriesService,
  SeriesRangeRequest,
} from './prometheus/PrometheusSeries';
export type { PromSeries } from './prometheus/PrometheusClient';
export type {
  KubernetesUsageService,
  WorkloadUsage,
  NodeUsage,
  ResourceUsage,
  UsageQuantiles,
  UsageWindow,
} from './kubernetes/KubernetesUsage';
export { KUBERNETES_SIGNALS } from './kubernetes/kubernetesSignals';
export type { KubernetesSignal } from './kubernetes/kubernetesSignals';
export { prometheusValidationCheck } from './validation/prometheusValidationCheck';
