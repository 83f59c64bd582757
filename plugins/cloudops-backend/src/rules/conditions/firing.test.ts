import { engineFor, feed } from '../__testUtils__/engine';
import { alert, rule } from '../__testUtils__/signals';

describe('firing condition', () => {
  const engine = () =>
    engineFor([rule({ type: 'firing' }, { match: { kind: 'alert' } })]);

  it('fires on a firing alert once, and resolves on its resolved notification', async () => {
    expect(
      await feed(engine(), [
        alert('KubePodCrashLooping', 'firing', 0, {
          message: 'cart-0 restarts',
        }),
        alert('KubePodCrashLooping', 'firing', 1),
        alert('KubePodCrashLooping', 'resolved', 2),
        alert('KubePodCrashLooping', 'resolved', 3),
      ]),
    ).toEqual([
      ['firing: KubePodCrashLooping firing: cart-0 restarts'],
      [],
      ['resolved: KubePodCrashLooping resolved'],
      [],
    ]);
  });

  it('ignores a resolved notification for an alert it never saw fire', async () => {
    expect(
      await feed(engine(), [alert('KubeNodeNotReady', 'resolved', 0)]),
    ).toEqual([[]]);
  });

  it('fires on events, which have no status', async () => {
    const events = engineFor([rule({ type: 'firing' })]);
    expect(
      await feed(events, [
        {
          ...alert('AWS Health Event', 'firing', 0, { kind: 'event' }),
          status: undefined,
        },
      ]),
    ).toEqual([['firing: AWS Health Event received']]);
  });
});
