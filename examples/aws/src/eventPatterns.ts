import { EVENT_PATTERNS } from '@cloudops-ai/backstage-plugin-cloudops-backend-module-aws';

/**
 * The EventBridge event patterns of what CloudOps reads, one per source,
 * from the AWS module itself so that the rules and the subscriber agree.
 */
export function cloudopsEventPatterns(): Array<{
  source: string[];
  detailType: string[];
}> {
  const bySource = new Map<string, string[]>();
  for (const { source, detailType } of EVENT_PATTERNS) {
    bySource.set(source, [...(bySource.get(source) ?? []), detailType]);
  }
  return [...bySource].map(([source, detailTypes]) => ({
    source: [source],
    detailType: detailTypes,
  }));
}
