import crypto from 'node:crypto';
import { Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { canonicalRef } from '../catalog/entityInfo';
import { StoredSignal } from '../database/SignalStore';

function sha256(parts: Array<string | number | undefined>): string {
  return crypto
    .createHash('sha256')
    .update(parts.map(p => (p === undefined ? '' : String(p))).join('\u0000'))
    .digest('hex');
}

/**
 * The identity of a series or alert: source, kind, name, where it is and its
 * labels (sorted), but not its value, status or time.
 */
export function computeFingerprint(
  signal: Omit<SignalInput, 'fingerprint'>,
): string {
  const labels = Object.entries(signal.labels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return sha256([
    signal.source,
    signal.kind,
    signal.name,
    signal.account,
    signal.region,
    signal.resource,
    labels,
  ]).slice(0, 32);
}

/**
 * A signal as stored: fingerprint filled in, entity ref canonical, timestamp
 * in ISO form, and an id that is the same whenever the same observation is
 * delivered again.
 */
export function normalizeSignal(input: SignalInput): StoredSignal {
  const signal: Signal = {
    ...input,
    labels: input.labels ?? {},
    timestamp: new Date(input.timestamp).toISOString(),
    entityRef: input.entityRef ? canonicalRef(input.entityRef) : undefined,
    fingerprint: input.fingerprint ?? computeFingerprint(input),
  };
  return {
    ...signal,
    id: sha256([
      signal.fingerprint,
      signal.timestamp,
      signal.status,
      signal.value,
    ]),
  };
}
