import {
  RcaCase,
  RcaCaseSeries,
  RcaChange,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { StoredSignal } from '../database/SignalStore';
import { byFingerprint } from './byFingerprint';
import { seriesKindOf } from './seriesKindOf';

/** What an incident's RCA looks at, gathered from the stores and the catalog. */
export interface IncidentCaseInputs {
  incidentId: string;
  /** The entity the incident was raised on. */
  symptom?: string;
  faultTime: Date;
  now: Date;
  /** Candidate entity refs: the incident's entities and their graph neighbourhood. */
  services: string[];
  /** `[caller, callee]` among the candidates (catalog and observed). */
  edges: Array<[string, string]>;
  /** Metric series of the candidates around the fault (`metricSeries`). */
  metricSeries: RcaCaseSeries[];
  /** The incident's own alert signals (firing and resolved). */
  alerts: StoredSignal[];
  /** Events (deployments, config changes, scaling) of the candidates. */
  events: StoredSignal[];
  /** Series of the candidates that providers fetched (e.g. from Prometheus). */
  providedSeries?: RcaCaseSeries[];
}

/** Alert step series are sampled at this spacing. */
const ALERT_STEP_SECONDS = 60;

const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * Each alert of the incident as a step series on its entity, sampled every
 * minute from the start of the window: 1 while firing, 0 otherwise
 * (inverted for availability alerts, so that their firing is a drop).
 */
function alertSeries(
  alerts: StoredSignal[],
  from: number,
  to: number,
): RcaCaseSeries[] {
  const linked = byFingerprint(alerts.filter(alert => alert.entityRef));
  return [...linked.values()].map(signals => {
    const transitions = signals
      .map(signal => ({ time: seconds(signal.timestamp), signal }))
      .sort((a, b) => a.time - b.time);
    const first = transitions[0].signal;
    const kind = seriesKindOf(first.name);
    const timestamps: number[] = [];
    const values: number[] = [];
    let next = 0;
    let firing = false;
    for (let t = from; t <= to; t += ALERT_STEP_SECONDS) {
      while (next < transitions.length && transitions[next].time <= t) {
        firing = transitions[next].signal.status !== 'resolved';
        next++;
      }
      timestamps.push(t);
      const on = firing ? 1 : 0;
      values.push(kind === 'availability' ? 1 - on : on);
    }
    return {
      service: first.entityRef!,
      metric: `alert ${first.name}`,
      kind,
      timestamps,
      values,
    };
  });
}

function changesOf(events: StoredSignal[]): RcaChange[] {
  return events
    .filter(e => e.entityRef)
    .map(e => ({
      service: e.entityRef!,
      time: seconds(e.timestamp),
      description: e.message ? `${e.name}: ${e.message}` : e.name,
    }));
}

/**
 * The RCA case of a live incident: the candidates' metric series, the
 * incident's alerts as step series, the dependency edges and the changes,
 * with the incident's start as the fault time.
 */
export function buildIncidentCase(inputs: IncidentCaseInputs): RcaCase {
  const faultTime = inputs.faultTime.getTime() / 1000;
  let windowStart = faultTime - 10 * ALERT_STEP_SECONDS;
  for (const series of inputs.metricSeries) {
    windowStart = Math.min(windowStart, series.timestamps[0]);
  }
  return {
    id: inputs.incidentId,
    faultTime,
    symptom: inputs.symptom ? { service: inputs.symptom } : undefined,
    services: inputs.services,
    graph: inputs.edges.length ? inputs.edges : undefined,
    series: [
      ...inputs.metricSeries,
      ...alertSeries(inputs.alerts, windowStart, inputs.now.getTime() / 1000),
      ...(inputs.providedSeries ?? []),
    ],
    changes: changesOf(inputs.events),
  };
}
