import { RcaCompute } from './RcaCompute';
import {
  RcaComputeCall,
  RcaComputePort,
  serveRcaCompute,
} from './rcaComputeMessages';

const query = { from: new Date(0), to: new Date(60_000), stepMs: 15_000 };

function served(compute: Partial<RcaCompute>) {
  let listener: (call: RcaComputeCall) => void = () => {};
  const port = {
    on: (_event: 'message', l: (call: RcaComputeCall) => void) => {
      listener = l;
    },
    postMessage: jest.fn(),
    close: jest.fn(),
  } satisfies RcaComputePort;
  const end = jest.fn(async () => {});
  serveRcaCompute(
    port,
    { close: jest.fn(async () => {}), ...compute } as RcaCompute,
    end,
  );
  return { port, end, send: (call: RcaComputeCall) => listener(call) };
}

/** Lets the queue of calls run. */
const settle = () => new Promise(resolve => setImmediate(resolve));

describe('serveRcaCompute', () => {
  it('answers a failed call with the error’s stack and causes', async () => {
    const { port, send } = served({
      readSeries: async () => {
        throw new Error('could not read', {
          cause: Object.assign(new Error('connection reset'), {
            name: 'DatabaseError',
          }),
        });
      },
    });
    send({ id: 4, method: 'readSeries', args: [[], query] });
    await settle();

    expect(port.postMessage).toHaveBeenCalledWith({
      id: 4,
      error: {
        name: 'Error',
        message: 'could not read',
        stack: expect.stringMatching(/^Error: could not read\n\s+at /),
        cause: {
          name: 'DatabaseError',
          message: 'connection reset',
          stack: expect.stringContaining('rcaComputeMessages.test.ts'),
        },
      },
    });
  });

  it('at close, ends the call in progress, drops the queued ones, then ends its connections and port', async () => {
    let finishRead: () => void = () => {};
    const order: string[] = [];
    const compute = {
      readSeries: jest.fn(async () => {
        order.push('read');
        await new Promise<void>(resolve => {
          finishRead = resolve;
        });
        return { readId: 1, calls: [] };
      }),
      analyze: jest.fn(),
      release: jest.fn(),
      close: jest.fn(async () => {
        order.push('compute closed');
      }),
    };
    const { port, end, send } = served(compute);
    end.mockImplementation(async () => {
      order.push('connections ended');
    });

    send({ id: 1, method: 'readSeries', args: [[], query] });
    await settle();
    send({ id: 2, method: 'analyze', args: [1, {}] });
    send({ id: 0, method: 'release', args: [1] });
    send({ id: 0, method: 'close', args: [] });
    send({ id: 3, method: 'readSeries', args: [[], query] });
    await settle();
    expect(end).not.toHaveBeenCalled();
    expect(port.close).not.toHaveBeenCalled();

    finishRead();
    await settle();
    expect(order).toEqual(['read', 'compute closed', 'connections ended']);
    expect(compute.analyze).not.toHaveBeenCalled();
    expect(compute.release).not.toHaveBeenCalled();
    expect(compute.readSeries).toHaveBeenCalledTimes(1);
    expect(port.close).toHaveBeenCalledTimes(1);
  });
});
