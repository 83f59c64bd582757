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
      limit: 25,
      offset: 25,
    });
    expect(
      toOpportunityQuery({ ...state, team: 'group:finance/platform' }).team,
    ).toBe('group:finance/platform');
  });
});
