import { clickerOf, teamRefusal } from './slackClicker';

describe('clickerOf', () => {
  it('reads the member, their team, the workspace and its organisation', () => {
    expect(
      clickerOf({
        type: 'block_actions',
        user: { id: 'U1', team_id: 'E1' },
        team: { id: 'T1', enterprise_id: 'E1' },
      }),
    ).toEqual({
      userId: 'U1',
      userTeamId: 'E1',
      teamId: 'T1',
      enterpriseId: 'E1',
    });
    expect(
      clickerOf({
        type: 'block_actions',
        team: null,
        enterprise: { id: 'E2' },
      }),
    ).toEqual({
      userId: 'unknown',
      userTeamId: undefined,
      teamId: undefined,
      enterpriseId: 'E2',
    });
  });
});

describe('teamRefusal', () => {
  it.each([
    ['a member clicking in their own workspace', ['T1'], 'T1', 'T1', undefined],
    [
      'a member of the organisation (Enterprise Grid)',
      ['T1'],
      'T1',
      'E1',
      'E1',
    ],
    ['any workspace of a listed organisation', ['E1'], 'T7', 'E1', 'E1'],
  ])('takes %s', (_, teamIds, teamId, userTeamId, enterpriseId) => {
    expect(
      teamRefusal({ userId: 'U1', teamId, userTeamId, enterpriseId }, teamIds),
    ).toBeUndefined();
  });

  it.each([
    ['another workspace', ['T1'], 'T2', 'T2', undefined, /workspace T2, which/],
    [
      'a member of another organisation (Slack Connect)',
      ['T1'],
      'T1',
      'E9',
      undefined,
      /a member of E9/,
    ],
    [
      'another organisation’s member in an organisation’s workspace',
      ['T1'],
      'T1',
      'E9',
      'E1',
      /a member of E9/,
    ],
    [
      'no workspace at all',
      ['T1'],
      undefined,
      undefined,
      undefined,
      /workspace unknown/,
    ],
  ])('refuses %s', (_, teamIds, teamId, userTeamId, enterpriseId, why) => {
    expect(
      teamRefusal({ userId: 'U1', teamId, userTeamId, enterpriseId }, teamIds),
    ).toMatch(why);
  });
});
