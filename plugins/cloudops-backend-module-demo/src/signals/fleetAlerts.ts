import { DemoEstate, nameOf } from '../estate/types';
import { FleetModel } from '../model/FleetModel';
import { STEP_MS } from '../model/seasonality';
import {
  awsShard,
  kubernetesShard,
  MetricSeries,
  SeriesIdentity,
  Shard,
} from './fleetSeries';

/**
 * An alert the fleet's own alerting raises: a Prometheus alerting rule
 * delivered by Alertmanager, or a CloudWatch alarm. It fires once its
 * condition has held for `forSamples` consecutive samples and resolves at
 * the first sample it no longer holds.
 */
export interface AlertDefinition {
  key: string;
  shard: Shard;
  service: string;
  identity: SeriesIdentity;
  forSamples: number;
  holds(model: FleetModel, t: number): boolean;
  message: string;
}

/** Whether the alert is firing at sample `t`. */
export function alertFiring(
  alert: AlertDefinition,
  model: FleetModel,
  t: number,
): boolean {
  for (let k = 0; k < alert.forSamples; k++) {
    if (!alert.holds(model, t - k * STEP_MS)) return false;
  }
  return true;
}

function seriesNamed(
  series: MetricSeries[],
  name: string,
  filter: (s: MetricSeries) => boolean = () => true,
): MetricSeries[] {
  return series.filter(s => s.identity.name === name && filter(s));
}

/** The alerts of the simulated fleet, built over its series. */
export function fleetAlerts(
  estate: DemoEstate,
  series: MetricSeries[],
): AlertDefinition[] {
  const alerts: AlertDefinition[] = [];
  const cluster = estate.cluster.name;
  const above =
    (s: MetricSeries, threshold: number) => (m: FleetModel, t: number) =>
      (s.value(m, t) ?? -Infinity) > threshold;

  // Alertmanager (kube-prometheus alerting rules), per pod and per node.
  const podAlert = (
    s: MetricSeries,
    alertname: string,
    forSamples: number,
    message: string,
  ) => {
    const { namespace, pod, container } = s.identity.labels;
    alerts.push({
      key: `${s.key}|${alertname}`,
      shard: kubernetesShard(cluster),
      service: s.service,
      identity: {
        source: 'alertmanager',
        name: alertname,
        account: cluster,
        resource: `${namespace}/${pod}`,
        labels: {
          alertname,
          severity: 'warning',
          cluster,
          namespace,
          pod,
          container,
          job: 'kube-state-metrics',
        },
      },
      forSamples,
      holds: above(s, 0.5),
      message,
    });
  };
  for (const s of seriesNamed(series, 'kube_pod_crash_looping')) {
    const { namespace, pod, container } = s.identity.labels;
    podAlert(
      s,
      'KubePodCrashLooping',
      2,
      `Pod ${namespace}/${pod} (${container}) is in waiting state (reason: "CrashLoopBackOff").`,
    );
  }
  for (const s of seriesNamed(series, 'kube_container_oom_killed')) {
    const { namespace, pod, container } = s.identity.labels;
    podAlert(
      s,
      'KubeContainerOOMKilled',
      1,
      `Container ${container} in pod ${namespace}/${pod} was OOMKilled and restarted.`,
    );
  }
  for (const s of seriesNamed(series, 'kube_node_not_ready')) {
    const node = s.identity.labels.node;
    alerts.push({
      key: `${s.key}|KubeNodeNotReady`,
      shard: s.shard,
      service: s.service,
      identity: {
        source: 'alertmanager',
        name: 'KubeNodeNotReady',
        account: cluster,
        resource: node,
        labels: {
          alertname: 'KubeNodeNotReady',
          severity: 'warning',
          cluster,
          node,
          job: 'kube-state-metrics',
        },
      },
      forSamples: 2,
      holds: above(s, 0.5),
      message: `${node} has been unready for more than 2 minutes.`,
    });
  }

  // CloudWatch alarms, named as the example rules expect.
  const alarm = (
    s: MetricSeries,
    name: string,
    threshold: number,
    forSamples: number,
  ) => {
    const account = s.identity.account!;
    const region = s.identity.region!;
    const { stat, ...dimensions } = s.identity.labels;
    alerts.push({
      key: `${s.key}|${name}`,
      shard: awsShard(account),
      service: s.service,
      identity: {
        source: 'cloudwatch',
        name,
        account,
        region,
        resource: s.identity.resource,
        labels: {
          alarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`,
          ...dimensions,
          metric: s.identity.name,
        },
      },
      forSamples,
      holds: above(s, threshold),
      message: `Threshold Crossed: ${forSamples} datapoints were greater than the threshold (${threshold}) for ${s.identity.name} (${stat}).`,
    });
  };
  const isRds = (s: MetricSeries) => s.identity.labels.namespace === 'AWS/RDS';
  for (const s of seriesNamed(series, 'CPUUtilization', isRds)) {
    alarm(s, `${nameOf(s.service)}-RDS-CPU-High`, 80, 3);
  }
  for (const s of seriesNamed(series, 'HTTPCode_Target_5XX_Count')) {
    const targetGroup = s.identity.labels.TargetGroup.split('/')[1];
    alarm(s, `${targetGroup}-ALB-5XX`, 250, 5);
  }
  for (const s of seriesNamed(series, 'ApproximateAgeOfOldestMessage')) {
    alarm(s, `${s.identity.labels.QueueName}-SQS-Backlog`, 300, 5);
  }
  return alerts;
}
