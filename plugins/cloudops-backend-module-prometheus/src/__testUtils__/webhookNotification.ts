/** An alert as a test writes it; the rest is filled in. */
export interface TestAlert {
  status?: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  fingerprint?: string;
}

/** An Alertmanager webhook notification (version 4), as Alertmanager 0.25 sends it. */
export function webhookNotification(receiver: string, alerts: TestAlert[]) {
  const full = alerts.map(alert => ({
    status: alert.status ?? 'firing',
    labels: alert.labels,
    annotations: alert.annotations ?? {},
    startsAt: alert.startsAt ?? '2026-11-22T10:00:00.000Z',
    endsAt:
      alert.endsAt ??
      (alert.status === 'resolved'
        ? '2026-11-22T10:20:00.000Z'
        : '0001-01-01T00:00:00Z'),
    generatorURL: 'http://prometheus.example:9090/graph?g0.expr=up',
    fingerprint: alert.fingerprint,
  }));
  return {
    receiver,
    status: full.some(a => a.status === 'firing') ? 'firing' : 'resolved',
    alerts: full,
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    version: '4',
    groupKey: '{}:{}',
    truncatedAlerts: 0,
  };
}
