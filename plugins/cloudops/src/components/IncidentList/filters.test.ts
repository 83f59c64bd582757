import {
  DEFAULT_LIST_STATE,
  listStateParams,
  parseListState,
  toIncidentQuery,
} from './filters';

describe('incident list state', () => {
  it('defaults to unresolved incidents of any time, first page', () => {
    expect(parseListState(new URLSearchParams())).toEqual(DEFAULT_LIST_STATE);
    expect(listStateParams(DEFAULT_LIST_STATE).toString()).toBe('');
  });

  it('round-trips through the URL', () => {
    const state = {
      state: ['resolved' as const],
      severity: ['critical' as const, 'high' as const],
      range: '7d' as const,
      text: 'latency p99',
      page: 3,
      pageSize: 50,
      system: 'system:default/shop',
      account: '111111111111',
    };
    expect(parseListState(listStateParams(state))).toEqual(state);
    expect(toIncidentQuery(state, Date.now())).toMatchObject({
      system: 'system:default/shop',
      account: '111111111111',
    });
  });

  it('drops values it does not know', () => {
    const state = parseListState(
      new URLSearchParams(
        'state=open,bogus&severity=fatal&range=1y&page=-2&pageSize=7',
      ),
    );
    expect(state).toMatchObject({
      state: ['open'],
      severity: [],
      range: 'all',
      page: 0,
      pageSize: 25,
    });
  });

  it('turns the range into a start time and trims the text', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(
      toIncidentQuery(
        { ...DEFAULT_LIST_STATE, range: '24h', text: '  db ' },
        now,
      ),
    ).toEqual({
      state: ['open', 'acknowledged', 'mitigated'],
      severity: [],
      from: '2026-11-21T12:00:00.000Z',
      q: 'db',
    });
    expect(toIncidentQuery(DEFAULT_LIST_STATE, now).from).toBeUndefined();
  });
});
