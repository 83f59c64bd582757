import { mockServices } from '@backstage/backend-test-utils';
import { IncidentChangeNotifier } from './IncidentChangeNotifier';

describe('IncidentChangeNotifier', () => {
  afterEach(() => jest.useRealTimers());

  function setup(publish = jest.fn().mockResolvedValue(undefined)) {
    const logger = mockServices.logger.mock();
    const notifier = new IncidentChangeNotifier({
      signals: { publish },
      logger,
      coalesceMs: 200,
    });
    return { notifier, publish, logger };
  }

  it('coalesces changes within the window into one broadcast', async () => {
    jest.useFakeTimers();
    const { notifier, publish } = setup();
    notifier.changed(['a', 'b']);
    notifier.changed(['b', 'c']);
    expect(publish).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(200);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      channel: 'cloudops:incidents',
      message: { incidentIds: ['a', 'b', 'c'], more: 0 },
    });

    notifier.changed(['d']);
    await jest.advanceTimersByTimeAsync(200);
    expect(publish).toHaveBeenCalledTimes(2);
    expect(publish.mock.calls[1][0].message).toEqual({
      incidentIds: ['d'],
      more: 0,
    });
  });

  it('sends nothing when nothing changed', async () => {
    jest.useFakeTimers();
    const { notifier, publish } = setup();
    notifier.changed([]);
    await jest.advanceTimersByTimeAsync(1000);
    await notifier.flush();
    expect(publish).not.toHaveBeenCalled();
  });

  it('names at most a hundred incidents and counts the rest', async () => {
    const { notifier, publish } = setup();
    notifier.changed(Array.from({ length: 250 }, (_, i) => `id-${i}`));
    await notifier.flush();
    const { message } = publish.mock.calls[0][0];
    expect(message.incidentIds).toHaveLength(100);
    expect(message.incidentIds[0]).toBe('id-0');
    expect(message.more).toBe(150);
  });

  it('logs a failed publish instead of raising it', async () => {
    const { notifier, logger } = setup(
      jest.fn().mockRejectedValue(new Error('events down')),
    );
    notifier.changed(['a']);
    await expect(notifier.flush()).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('events down'),
    );
  });
});
