import {
  IncidentSeverity,
  IncidentState,
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { IncidentQuery } from '../../api';

/** How far back the list looks, by opening time. */
export const TIME_RANGES = ['1h', '24h', '7d', '30d', 'all'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

const RANGE_MS: Record<TimeRange, number | undefined> = {
  '1h': 3600_000,
  '24h': 86400_000,
  '7d': 7 * 86400_000,
  '30d': 30 * 86400_000,
  all: undefined,
};

export const PAGE_SIZES = [25, 50, 100];

/** What the incident list shows: kept in the URL, so it survives navigation. */
export interface ListState {
  state: IncidentState[];
  severity: IncidentSeverity[];
  range: TimeRange;
  text: string;
  page: number;
  pageSize: number;
  /** A system entity ref (e.g. from the NOC heat map); unset for any. */
  system?: string;
  /** A cloud account or cluster; unset for any. */
  account?: string;
}

/** Unresolved incidents from any time: what an on-call engineer opens first. */
export const DEFAULT_LIST_STATE: ListState = {
  state: ['open', 'acknowledged', 'mitigated'],
  severity: [],
  range: 'all',
  text: '',
  page: 0,
  pageSize: PAGE_SIZES[0],
};

function listParam<T extends string>(
  value: string | null,
  allowed: readonly T[],
  fallback: T[],
): T[] {
  if (value === null) return fallback;
  return value
    .split(',')
    .filter((v): v is T => (allowed as readonly string[]).includes(v));
}

function numberParam(value: string | null, fallback: number, min: number) {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= min ? n : fallback;
}

/** Reads the list state from URL search parameters; unknown values fall back to defaults. */
export function parseListState(params: URLSearchParams): ListState {
  const range = params.get('range') as TimeRange | null;
  const pageSize = numberParam(
    params.get('pageSize'),
    DEFAULT_LIST_STATE.pageSize,
    1,
  );
  return {
    state: listParam(
      params.get('state'),
      INCIDENT_STATES,
      DEFAULT_LIST_STATE.state,
    ),
    severity: listParam(params.get('severity'), INCIDENT_SEVERITIES, []),
    range:
      range && TIME_RANGES.includes(range) ? range : DEFAULT_LIST_STATE.range,
    text: params.get('q') ?? '',
    page: numberParam(params.get('page'), 0, 0),
    pageSize: PAGE_SIZES.includes(pageSize)
      ? pageSize
      : DEFAULT_LIST_STATE.pageSize,
    system: params.get('system') || undefined,
    account: params.get('account') || undefined,
  };
}

/** The URL search parameters of a list state; defaults are left out. */
export function listStateParams(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.state.join() !== DEFAULT_LIST_STATE.state.join()) {
    params.set('state', state.state.join(','));
  }
  if (state.severity.length) params.set('severity', state.severity.join(','));
  if (state.range !== DEFAULT_LIST_STATE.range)
    params.set('range', state.range);
  if (state.text) params.set('q', state.text);
  if (state.page) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_LIST_STATE.pageSize) {
    params.set('pageSize', String(state.pageSize));
  }
  if (state.system) params.set('system', state.system);
  if (state.account) params.set('account', state.account);
  return params;
}

/** The server-side query for a list state at time `now`. */
export function toIncidentQuery(state: ListState, now: number): IncidentQuery {
  const rangeMs = RANGE_MS[state.range];
  return {
    state: state.state,
    severity: state.severity,
    from: rangeMs ? new Date(now - rangeMs).toISOString() : undefined,
    q: state.text.trim() || undefined,
    ...(state.system && { system: state.system }),
    ...(state.account && { account: state.account }),
  };
}
