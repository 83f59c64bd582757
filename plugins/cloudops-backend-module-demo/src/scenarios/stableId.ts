import crypto from 'node:crypto';

/**
 * A UUID that every replica derives alike from the same name, so a
 * scenario planned for a time slot is recorded once however many replicas
 * plan it.
 */
export function stableId(name: string): string {
  const hex = crypto
    .createHash('sha256')
    .update(`cloudops-demo:${name}`)
    .digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `8${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
