import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { parseBlockActions, replyTo } from './slackResponse';

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

describe('replyTo', () => {
  async function startResponseUrl(answer: (res: http.ServerResponse) => void) {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => answer(res));
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/respond`,
      close: () =>
        new Promise<void>(r => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    };
  }
  const message = { response_type: 'ephemeral' as const, text: 'hi' };

  it('says, and logs, why Slack did not take an answer', async () => {
    const responseUrl = await startResponseUrl(res => {
      res.writeHead(400);
      res.end('invalid_blocks');
    });
    try {
      const logger = mockServices.logger.mock();
      const reply = replyTo(
        { type: 'block_actions', response_url: responseUrl.url },
        logger,
      );
      expect(await reply(message)).toBe('HTTP 400 invalid_blocks');
      expect(logger.warn).toHaveBeenCalledWith(
        'Could not answer Slack at its response_url: HTTP 400 invalid_blocks',
      );
    } finally {
      await responseUrl.close();
    }
  });

  it('gives up on a response_url that does not answer in time', async () => {
    const responseUrl = await startResponseUrl(() => {});
    try {
      const reply = replyTo(
        { type: 'block_actions', response_url: responseUrl.url },
        mockServices.logger.mock(),
        100,
      );
      expect(await reply(message)).toMatch(/timeout|aborted/i);
    } finally {
      await responseUrl.close();
    }
  });

  it('resolves to undefined when Slack took the answer', async () => {
    const responseUrl = await startResponseUrl(res => {
      res.writeHead(200);
      res.end('ok');
    });
    try {
      const reply = replyTo(
        { type: 'block_actions', response_url: responseUrl.url },
        mockServices.logger.mock(),
      );
      expect(await reply(message)).toBeUndefined();
    } finally {
      await responseUrl.close();
    }
  });
});
