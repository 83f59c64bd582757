import {
  describeSignalProblems,
  SignalInput,
  signalInputProblems,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { WebhookPayload } from './webhookPayload';

type Alert = WebhookPayload['alerts'][number];

/** Which field of the alert a field of its signal was made from (see alertsToSignals). */
function alertField(alert: Alert, signalPath: string): string {
  const [field, ...rest] = signalPath.split('.');
  switch (field) {
    case 'name':
      return 'labels.alertname';
    case 'labels':
      return ['labels', ...rest].join('.');
    case 'account':
      return 'labels.cluster';
    case 'resource':
      return alert.labels.namespace && alert.labels.pod
        ? 'labels.namespace/labels.pod'
        : 'labels.node or labels.instance';
    case 'message':
      return alert.annotations.summary !== undefined
        ? 'annotations.summary'
        : 'annotations.description';
    case 'fingerprint':
      return 'fingerprint (scoped by labels.cluster)';
    case 'timestamp':
      return alert.status === 'resolved' ? 'endsAt' : 'startsAt';
    default:
      return field || '(alert)';
  }
}

/**
 * Why the signals made of a notification's alerts (one per alert, in order)
 * would be refused, named by the alert's own fields
 * (`alerts.3.labels.alertname: String must contain at most 255
 * character(s)`); undefined when every one fits.
 */
export function alertProblems(
  payload: WebhookPayload,
  signals: SignalInput[],
): string | undefined {
  const problems = signalInputProblems(signals);
  if (problems.length === 0) return undefined;
  return describeSignalProblems(
    problems,
    p => `alerts.${p.index}.${alertField(payload.alerts[p.index], p.path)}`,
  );
}
