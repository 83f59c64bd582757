import { SignalCondition } from './types';

/**
 * `type: firing`: an alert fires on `firing` and resolves on `resolved`; a
 * signal without a status (an event) fires.
 */
export function firingCondition(): SignalCondition {
  return {
    kind: 'signal',
    forMs: 0,
    check({ signal }) {
      const holds = signal.status !== 'resolved';
      const detail = signal.message ? `: ${signal.message}` : '';
      return {
        holds,
        reason: `${signal.name} ${signal.status ?? 'received'}${detail}`,
      };
    },
  };
}
