import {
  opportunityFilterParams,
  parseOpportunityFilters,
  toOpportunityQuery,
} from './opportunityFilters';

describe('opportunity filters', () => {
  it('round-trips through the URL and drops unknown values', () => {
    const state = parseOpportunityFilters(
      new URLSearchParams(
        'account=111111111111&team=team-a&risk=low,extreme,high&page=2&pageSize=50',
      ),
    );
    expect(state).toEqual({
      account: '111111111111',
      team: 'team-a',
      detector: '',
      risk: ['low', 'high'],
      state: ['detected', 'pr_opened', 'approved'],
      page: 2,
      pageSize: 50,
    });
    expect(parseOpportunityFilters(opportunityFilterParams(state))).toEqual(
      state,
    );
    expect(
      opportunityFilterParams(
        parseOpportunityFilters(new URLSearchParams()),
      ).toString(),
    ).toBe('');
  });

  it('asks the backend for a page, a bare team name as a group', () => {
    const state = parseOpportunityFilters(
      new URLSearchParams('team=team-a&detector=ebs-orphans&page=1'),
    );
    expect(toOpportunityQuery(state)).toEqual({
      account: undefined,
      team: 'group:default/team-a',
      detector: 'ebs-orphans',
      risk: [],
      state: ['detected', 'pr_opened', 'approved'],
      limit: 25,
      offset: 25,
    });
    expect(
      toOpportunityQuery({ ...state, team: 'group:finance/platform' }).team,
    ).toBe('group:finance/platform');
  });

  it('lists the open states by default, others or every state on request', () => {
    // Rejected, expired and realized opportunities are not potential savings.
    const open = parseOpportunityFilters(new URLSearchParams());
    expect(open.state).toEqual(['detected', 'pr_opened', 'approved']);
    expect(toOpportunityQuery(open).state).toEqual([
      'detected',
      'pr_opened',
      'approved',
    ]);
    // The same states in another order are still the default.
    expect(
      opportunityFilterParams({
        ...open,
        state: ['approved', 'detected', 'pr_opened'],
      }).toString(),
    ).toBe('');

    const realized = parseOpportunityFilters(
      new URLSearchParams('state=realized,bogus'),
    );
    expect(realized.state).toEqual(['realized']);
    expect(opportunityFilterParams(realized).toString()).toBe('state=realized');

    // None picked: every state, and that survives the URL.
    const every = { ...open, state: [] };
    expect(opportunityFilterParams(every).toString()).toBe('state=');
    expect(
      parseOpportunityFilters(opportunityFilterParams(every)).state,
    ).toEqual([]);
    expect(toOpportunityQuery(every).state).toEqual([]);
  });
});
