/** The items of each fingerprint, in order of first appearance. */
export function byFingerprint<T extends { fingerprint: string }>(
  items: T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.fingerprint);
    if (list) list.push(item);
    else groups.set(item.fingerprint, [item]);
  }
  return groups;
}
