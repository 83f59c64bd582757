/**
 * How accounts map to scheduled tasks. With one account per shard (the
 * default) the shard is the account id, so detector health reads per
 * account. With more, accounts are hashed into ⌈accounts / perShard⌉ groups
 * named `accounts-<n>-of-<total>`: an account stays in its group while the
 * number of groups is unchanged.
 */
export function shardOf(
  accountId: string,
  perShard: number,
  count: number,
): string {
  if (perShard === 1) return accountId;
  const groups = Math.max(1, Math.ceil(count / perShard));
  // FNV-1a: stable across processes and Node versions.
  let hash = 0x811c9dc5;
  for (const char of accountId) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return `accounts-${(hash % groups) + 1}-of-${groups}`;
}

/** The shards of a list of accounts, in a stable order. */
export function shardsOf(accountIds: string[], perShard: number): string[] {
  return [
    ...new Set(accountIds.map(id => shardOf(id, perShard, accountIds.length))),
  ].sort();
}
