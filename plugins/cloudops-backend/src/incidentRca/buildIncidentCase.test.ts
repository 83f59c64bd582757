import { StoredSignal } from '../database/SignalStore';
import { buildIncidentCase } from './buildIncidentCase';
import { metricSeries } from './metricSeries';
import { callNames, observedEdges } from './observedEdges';
import { seriesKindOf } from './seriesKindOf';

const T = Date.UTC(2026, 10, 23, 10, 0, 0);
const iso = (minutes: number) => new Date(T + minutes * 60_000).toISOString();

function signal(overrides: Partial<StoredSignal>): StoredSignal {
  return {
    id: Math.random().toString(36),
    source: 'prometheus',
    kind: 'metric',
    name: 'cpu_usage',
    timestamp: iso(0),
    labels: {},
    fingerprint: 'fp',
    ...overrides,
  };
}

describe('building the RCA case of a live incident', () => {
  it('names kinds from metric and alert names', () => {
    expect(
      [
        'http_request_duration_seconds',
        'http_requests_total',
        'CPUUtilization',
        'KubePodCrashLooping',
        'KubeContainerOOMKilled',
        'kafka_consumergroup_lag',
        'errors_total',
        'something_else',
      ].map(seriesKindOf),
    ).toEqual([
      'latency',
      'traffic',
      'cpu',
      'availability',
      'memory',
      'saturation',
      'errors',
      'other',
    ]);
  });

  it('turns metrics, alerts and events into series, step series and changes', () => {
    const rcaCase = buildIncidentCase({
      incidentId: 'i-1',
      symptom: 'component:default/web',
      faultTime: new Date(T),
      now: new Date(T + 3 * 60_000),
      services: ['component:default/web', 'component:default/db'],
      edges: [['component:default/web', 'component:default/db']],
      metricSeries: metricSeries([
        ...[-2, -1, 0].map(m =>
          signal({
            entityRef: 'component:default/db',
            name: 'cpu_usage',
            fingerprint: 'pod-a',
            timestamp: iso(m),
            value: 10 + m,
          }),
        ),
        signal({
          entityRef: 'component:default/db',
          name: 'cpu_usage',
          fingerprint: 'pod-b-long-fingerprint',
          timestamp: iso(0),
          value: 5,
        }),
        signal({ entityRef: undefined, value: 1, fingerprint: 'x' }),
      ]),
      alerts: [
        signal({
          kind: 'alert',
          name: 'KubePodCrashLooping',
          entityRef: 'component:default/web',
          fingerprint: 'alert-1',
          status: 'firing',
          timestamp: iso(1),
        }),
        signal({
          kind: 'alert',
          name: 'KubePodCrashLooping',
          entityRef: 'component:default/web',
          fingerprint: 'alert-1',
          status: 'resolved',
          timestamp: iso(2),
        }),
      ],
      events: [
        signal({
          kind: 'event',
          name: 'deployment',
          message: 'v2.3.1',
          entityRef: 'component:default/db',
          timestamp: iso(-5),
        }),
      ],
    });
    expect(rcaCase).toMatchObject({
      id: 'i-1',
      faultTime: T / 1000,
      symptom: { service: 'component:default/web' },
      graph: [['component:default/web', 'component:default/db']],
      changes: [
        {
          service: 'component:default/db',
          time: T / 1000 - 300,
          description: 'deployment: v2.3.1',
        },
      ],
    });
    const [a, b, alert] = rcaCase.series;
    expect(a).toMatchObject({
      service: 'component:default/db',
      metric: 'cpu_usage#pod-a',
      kind: 'cpu',
      values: [8, 9, 10],
    });
    expect(b.metric).toBe('cpu_usage#pod-b-lo');
    expect(alert.metric).toBe('alert KubePodCrashLooping');
    expect(alert.kind).toBe('availability');
    // Sampled each minute from 10 minutes before the fault; an
    // availability alert's firing is a drop.
    expect(alert.timestamps[0]).toBe(T / 1000 - 600);
    expect(alert.values.slice(-4)).toEqual([1, 0, 1, 1]);
    expect(rcaCase.series).toHaveLength(3);
  });

  it('finds call edges in metric labels', () => {
    const names: Record<string, string> = {
      web: 'component:default/web',
      checkout: 'component:default/checkout',
    };
    expect(
      observedEdges(
        callNames([
          signal({
            labels: {
              source_workload: 'web',
              destination_workload: 'checkout',
            },
          }),
          signal({ labels: { client: 'web', server: 'checkout' } }),
          signal({ labels: { client: 'web', server: 'unknown' } }),
          signal({ labels: { caller: 'web', callee: 'web' } }),
        ]),
        name => names[name],
      ),
    ).toEqual([['component:default/web', 'component:default/checkout']]);
  });
});
