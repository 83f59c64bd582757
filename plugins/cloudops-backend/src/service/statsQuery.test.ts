import { InputError } from '@backstage/errors';
import { parseInput, statsQuerySchema } from './validation';

describe('stats query', () => {
  it('takes two group dimensions and a group limit', () => {
    expect(
      parseInput(
        statsQuerySchema,
        { groupBy: 'system', thenBy: 'account', groupLimit: '500' },
        'query',
      ),
    ).toMatchObject({
      groupBy: 'system',
      thenBy: 'account',
      groupLimit: 500,
      bucketSeconds: 3600,
    });
    expect(parseInput(statsQuerySchema, {}, 'query').groupLimit).toBe(200);
  });

  it.each([
    [{ thenBy: 'account' }, 'thenBy: thenBy needs a groupBy of another'],
    [{ groupBy: 'account', thenBy: 'account' }, 'thenBy: thenBy needs'],
    [{ groupBy: 'system', groupLimit: '5000' }, 'groupLimit:'],
    [{ groupBy: 'team' }, 'groupBy:'],
  ])('rejects %j, naming the field', (query, message) => {
    expect(() => parseInput(statsQuerySchema, query, 'query')).toThrow(
      InputError,
    );
    expect(() => parseInput(statsQuerySchema, query, 'query')).toThrow(message);
  });
});
