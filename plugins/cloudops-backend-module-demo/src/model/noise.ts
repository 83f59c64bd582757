/**
 * Deterministic noise that can be read at any point in time: a value is a
 * hash of a series' seed and the sample's index, so the same series at the
 * same time is always the same, in any order and on any replica, and a
 * 14-day history costs nothing to keep.
 */

/** A 32-bit seed from a series' key (FNV-1a). */
export function seedOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finalizer: every input bit moves every output bit. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in (0, 1) for a seed and an index. */
export function uniform(seed: number, index: number): number {
  const high = Math.floor(index / 0x100000000);
  const h = mix(mix(seed ^ mix(index >>> 0)) ^ mix(high + 0x9e3779b9));
  return (h + 0.5) / 0x100000000;
}

/** Standard normal for a seed and an index (Box–Muller over two uniforms). */
export function gaussian(seed: number, index: number): number {
  const u = uniform(seed, 2 * index);
  const v = uniform(seed, 2 * index + 1);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
