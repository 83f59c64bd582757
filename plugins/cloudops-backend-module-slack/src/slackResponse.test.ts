import { parseBlockActions } from './slackResponse';

describe('parseBlockActions', () => {
  it('reads an interaction payload', () => {
    expect(
      parseBlockActions(
        JSON.stringify({
          type: 'block_actions',
          user: { id: 'U1' },
          actions: [{ action_id: 'cloudops_explain', value: 'i-1' }],
        }),
      ),
    ).toMatchObject({ user: { id: 'U1' }, actions: [{ value: 'i-1' }] });
  });

  it.each([
    ['no field', null],
    ['not JSON', '{'],
    ['JSON null', 'null'],
    ['a list', '[]'],
    ['actions that are not a list', '{"actions": {"0": {}}}'],
    ['actions that are not objects', '{"actions": [null]}'],
  ])('refuses %s', (_, field) => {
    expect(parseBlockActions(field)).toBeUndefined();
  });
});
