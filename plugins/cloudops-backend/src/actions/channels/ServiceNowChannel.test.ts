import {
  ReceivedRequest,
  startFakeServer,
} from '../../__testUtils__/fakeHttpServer';
import { deliveryRequest } from '../../__testUtils__/deliveryRequest';
import { basicAuth } from './sendHttp';
import { ServiceNowChannel } from './ServiceNowChannel';

/**
 * A stateful fake of the ServiceNow Table API: `incident` (query by
 * `correlation_id`, create, PATCH with `work_notes` journaled into
 * `sys_journal_field`) answering `{result: …}` as the real API does.
 */
function fakeServiceNow() {
  const incidents: any[] = [];
  const journal: Array<{ element_id: string; value: string }> = [];
  const auth = basicAuth('cloudops', 'sn-secret');
  const handle = (req: ReceivedRequest) => {
    if (req.headers.authorization !== auth) {
      return {
        status: 401,
        body: { error: { message: 'User Not Authenticated' } },
      };
    }
    const query = req.query.get('sysparm_query') ?? '';
    if (req.method === 'GET' && req.path === '/api/now/table/incident') {
      const id = /^correlation_id=(.+)$/.exec(query)?.[1];
      return {
        body: {
          result: incidents.filter(i => i.correlation_id === id).slice(0, 1),
        },
      };
    }
    if (
      req.method === 'GET' &&
      req.path === '/api/now/table/sys_journal_field'
    ) {
      const [, element, text] =
        /^element_id=([^^]+)\^valueLIKE(.+)$/.exec(query) ?? [];
      return {
        body: {
          result: journal.filter(
            j => j.element_id === element && j.value.includes(text),
          ),
        },
      };
    }
    if (req.method === 'POST' && req.path === '/api/now/table/incident') {
      const record = {
        ...req.body,
        sys_id: `sys${incidents.length + 1}`,
        number: `INC00100${incidents.length + 1}`,
        state: '1',
      };
      incidents.push(record);
      return { status: 201, body: { result: record } };
    }
    const sysId = req.path.match(/^\/api\/now\/table\/incident\/(\w+)$/)?.[1];
    const record = incidents.find(i => i.sys_id === sysId);
    if (req.method === 'PATCH' && record) {
      const { work_notes: notes, ...fields } = req.body;
      if (notes) journal.push({ element_id: record.sys_id, value: notes });
      Object.assign(record, fields);
      return { body: { result: record } };
    }
    return { status: 404, body: { error: { message: 'No Record found' } } };
  };
  return { incidents, journal, handle };
}

/** Runs `test` with a channel on a fake ServiceNow. */
async function withServiceNow(
  test: (
    channel: ServiceNowChannel,
    sn: ReturnType<typeof fakeServiceNow>,
  ) => Promise<void>,
  options: { password?: string; assignmentGroup?: string } = {},
) {
  const sn = fakeServiceNow();
  const server = await startFakeServer(sn.handle);
  try {
    const channel = new ServiceNowChannel({
      instanceUrl: server.url,
      authorization: basicAuth('cloudops', options.password ?? 'sn-secret'),
      assignmentGroup: options.assignmentGroup,
    });
    await test(channel, sn);
  } finally {
    await server.close();
  }
}

describe('ServiceNowChannel', () => {
  it('opens an incident once, adds work notes once per delivery, and resolves it', () =>
    withServiceNow(
      async (channel, sn) => {
        const opened = await channel.deliver(
          deliveryRequest({ kind: 'ticket' }),
        );
        expect(opened.result).toEqual({ sysId: 'sys1', number: 'INC001001' });
        expect(sn.incidents[0]).toMatchObject({
          correlation_id: '6f1c2a9e-0d7b-4c1e-9a51-3b7f1e2d4c5a',
          urgency: '1',
          impact: '1',
          assignment_group: 'NOC',
          short_description: '[CRITICAL] CrashLoopBackOff in shop/checkout-7d9',
        });
        await channel.deliver(
          deliveryRequest({ kind: 'ticket', attempt: 2, redelivery: true }),
        );
        expect(sn.incidents).toHaveLength(1);

        const resolved = deliveryRequest({
          kind: 'ticket',
          event: 'resolved',
          idempotencyKey: 'cloudops-resolved-1',
          thread: opened.result!,
        });
        await channel.deliver(resolved);
        // Sent again by an operator's retry, whose first attempt is 1 again.
        await channel.deliver({ ...resolved, redelivery: true });
        expect(sn.journal).toHaveLength(1);
        expect(sn.journal[0].value).toContain('[cloudops-resolved-1]');
        expect(sn.incidents[0]).toMatchObject({
          state: '6',
          close_code: 'Solved (Permanently)',
        });
      },
      { assignmentGroup: 'NOC' },
    ));

  it("gives an incident a later event created (its opening dead-lettered) that event's state", () =>
    withServiceNow(async (channel, sn) => {
      const resolved = await channel.deliver(
        deliveryRequest({ kind: 'ticket', event: 'resolved' }),
      );
      expect(resolved.result).toEqual({ sysId: 'sys1', number: 'INC001001' });
      expect(sn.incidents).toHaveLength(1);
      expect(sn.incidents[0]).toMatchObject({
        state: '6',
        close_code: 'Solved (Permanently)',
      });
      // Its description tells the event: no work note repeats it.
      expect(sn.journal).toEqual([]);
    }));

  it('fails permanently on bad credentials', () =>
    withServiceNow(
      async channel => {
        await expect(
          channel.deliver(deliveryRequest({ kind: 'ticket' })),
        ).rejects.toMatchObject({
          retryable: false,
          message: expect.stringContaining('401'),
        });
      },
      { password: 'wrong' },
    ));
});
