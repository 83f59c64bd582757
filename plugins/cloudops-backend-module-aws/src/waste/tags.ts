/**
 * AWS tags as a record. EC2, ELBv2 and RDS spell them `Key`/`Value`, ECS
 * `key`/`value`.
 */
export function tagRecord(
  tags:
    | Array<{ Key?: string; Value?: string } | { key?: string; value?: string }>
    | undefined,
): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) {
    const key = 'Key' in tag ? tag.Key : (tag as { key?: string }).key;
    const value = 'Key' in tag ? tag.Value : (tag as { value?: string }).value;
    if (key !== undefined) record[key] = value ?? '';
  }
  return record;
}
