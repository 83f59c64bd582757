import { mockServices } from '@backstage/backend-test-utils';
import { PartialReadError } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ShardedTasks, ShardedWork } from '../scheduling/ShardedTasks';
import { SignalIngestor } from './SignalIngestor';
import { SignalSources } from './SignalSources';

describe('SignalSources', () => {
  it('ingests what a partly failed read returned, and fails the run', async () => {
    const scheduled: ShardedWork[] = [];
    const ingest = jest.fn().mockResolvedValue({});
    const sources = new SignalSources({
      events: { subscribe: jest.fn(), publish: jest.fn() },
      ingestor: { ingest } as unknown as SignalIngestor,
      logger: mockServices.logger.mock(),
      scheduler: mockServices.scheduler.mock(),
      tasks: {
        schedule: async (work: ShardedWork) => {
          scheduled.push(work);
        },
      } as unknown as ShardedTasks,
    });
    const signal = {
      source: 'cloudwatch',
      kind: 'metric' as const,
      name: 'CPUUtilization',
      timestamp: '2026-11-23T10:00:00Z',
      value: 1,
    };
    await sources.start({
      sources: [
        {
          type: 'pull',
          id: 'grouped',
          schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
          read: async () => {
            throw new PartialReadError('account 222222222222: AccessDenied', [
              signal,
            ]);
          },
        },
      ],
      rules: () => [],
      tickSeconds: 30,
    });

    await expect(
      scheduled[0].run({ signal: new AbortController().signal }),
    ).rejects.toThrow('account 222222222222: AccessDenied');
    expect(ingest).toHaveBeenCalledWith([signal], 'source:grouped');
  });
});
