import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { kubernetesResource } from '../source/seriesToSignals';
import { WebhookPayload } from './webhookPayload';

/**
 * The alerts of a notification as alert signals, one each (a group is
 * unpacked). A firing alert is stamped with its start and a resolved one
 * with its end, so Alertmanager's repeats of an unchanged alert are
 * duplicates. The fingerprint is Alertmanager's, scoped by cluster (or by
 * receiver when the cluster is unknown), so the
 * resolved notification closes what the firing one opened; annotations are
 * not labels (their text may change while the alert is the same), the
 * summary or description becomes the message. Labels are kept as they are,
 * so a silence made from them matches the alert.
 */
export function alertsToSignals(
  payload: WebhookPayload,
  from: {
    /** The receiver's name: the fingerprint's scope when the cluster is unknown. */
    receiver: string;
    clusterOf: (labels: Record<string, string>) => string | undefined;
  },
): SignalInput[] {
  return payload.alerts.map(alert => {
    const { labels } = alert;
    const cluster = from.clusterOf(labels);
    const resolved = alert.status === 'resolved';
    return {
      source: 'alertmanager',
      kind: 'alert' as const,
      name: alert.labels.alertname,
      status: alert.status,
      timestamp: new Date(
        resolved && alert.endsAt ? alert.endsAt : alert.startsAt,
      ).toISOString(),
      account: cluster,
      resource: kubernetesResource(labels) ?? labels.instance,
      labels,
      message: alert.annotations.summary ?? alert.annotations.description,
      fingerprint: alert.fingerprint
        ? `alertmanager:${cluster ?? from.receiver}:${alert.fingerprint}`
        : undefined,
    };
  });
}
