import {
  OPEN_OPPORTUNITY_STATES,
  OPPORTUNITY_STATES,
  OpportunityState,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { OpportunityQuery } from '../../api';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** What the opportunity list shows: kept in the URL, so it can be shared. */
export interface OpportunityFilterState {
  account: string;
  team: string;
  detector: string;
  risk: RiskLevel[];
  /** Empty for every state. */
  state: OpportunityState[];
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100];

/**
 * The states listed (and summed in the list's title) unless the URL says
 * otherwise: the open ones, whose savings are still to be had. The backend
 * applies no state filter of its own.
 */
export const DEFAULT_OPPORTUNITY_STATES: OpportunityState[] = [
  ...OPEN_OPPORTUNITY_STATES,
];

function sameStates(a: readonly OpportunityState[], b: readonly string[]) {
  return a.length === b.length && a.every(state => b.includes(state));
}

/** Reads the filters from URL search parameters; unknown values are dropped. */
export function parseOpportunityFilters(
  params: URLSearchParams,
): OpportunityFilterState {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const state = params.get('state');
  return {
    account: params.get('account') ?? '',
    team: params.get('team') ?? '',
    detector: params.get('detector') ?? '',
    risk: (params.get('risk') ?? '')
      .split(',')
      .filter((v): v is RiskLevel =>
        (RISK_LEVELS as readonly string[]).includes(v),
      ),
    // No parameter: the open states; an empty one: every state.
    state:
      state === null
        ? DEFAULT_OPPORTUNITY_STATES
        : state
            .split(',')
            .filter((v): v is OpportunityState =>
              (OPPORTUNITY_STATES as readonly string[]).includes(v),
            ),
    page: Number.isInteger(page) && page > 0 ? page : 0,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : PAGE_SIZES[0],
  };
}

/** The filters as URL search parameters, defaults left out. */
export function opportunityFilterParams(
  state: OpportunityFilterState,
): URLSearchParams {
  const params = new URLSearchParams();
  if (state.account) params.set('account', state.account);
  if (state.team) params.set('team', state.team);
  if (state.detector) params.set('detector', state.detector);
  if (state.risk.length) params.set('risk', state.risk.join(','));
  if (!sameStates(state.state, DEFAULT_OPPORTUNITY_STATES)) {
    params.set('state', state.state.join(','));
  }
  if (state.page) params.set('page', String(state.page));
  if (state.pageSize !== PAGE_SIZES[0]) {
    params.set('pageSize', String(state.pageSize));
  }
  return params;
}

/**
 * The backend query for the filters. A team is an owner entity ref; a bare
 * name is taken as a group in the default namespace.
 */
export function toOpportunityQuery(
  state: OpportunityFilterState,
): OpportunityQuery {
  const team = state.team.trim();
  return {
    account: state.account.trim() || undefined,
    team:
      team && !team.includes(':') ? `group:default/${team}` : team || undefined,
    detector: state.detector.trim() || undefined,
    risk: state.risk,
    state: state.state,
    limit: state.pageSize,
    offset: state.page * state.pageSize,
  };
}
