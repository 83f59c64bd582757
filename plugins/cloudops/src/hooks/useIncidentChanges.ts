import { useSignal } from '@backstage/plugin-signals-react';
import {
  CLOUDOPS_INCIDENTS_CHANNEL,
  IncidentsChangedMessage,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { useEffect, useRef, useState } from 'react';

/**
 * A number that grows when the backend announces incident changes on the
 * `cloudops:incidents` signals channel: put it in a load's dependencies to
 * reload live. Reloads are spaced at least `minIntervalMs` apart, so a storm
 * of changes costs one request per view per interval, not one per change.
 * `accept` narrows which messages count (e.g. only those naming an incident).
 */
export function useIncidentChanges(
  options: {
    minIntervalMs?: number;
    accept?: (message: IncidentsChangedMessage) => boolean;
  } = {},
): { version: number; isLive: boolean } {
  const { minIntervalMs = 2000, accept } = options;
  const { lastSignal, isSignalsAvailable } = useSignal<IncidentsChangedMessage>(
    CLOUDOPS_INCIDENTS_CHANNEL,
  );
  const [version, setVersion] = useState(0);
  const lastBump = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const acceptRef = useRef(accept);
  acceptRef.current = accept;

  useEffect(() => {
    if (!lastSignal || (acceptRef.current && !acceptRef.current(lastSignal))) {
      return;
    }
    const bump = () => {
      lastBump.current = Date.now();
      timer.current = undefined;
      setVersion(v => v + 1);
    };
    const wait = lastBump.current + minIntervalMs - Date.now();
    if (wait <= 0) {
      bump();
    } else if (!timer.current) {
      timer.current = setTimeout(bump, wait);
    }
  }, [lastSignal, minIntervalMs]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return { version, isLive: isSignalsAvailable };
}
