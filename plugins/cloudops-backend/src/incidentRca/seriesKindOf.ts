import { RcaSeriesKind } from '@cloudops-ai/backstage-plugin-cloudops-common';

/** Name patterns, in order: the first that matches decides. */
const PATTERNS: Array<[RegExp, RcaSeriesKind]> = [
  [/latency|duration|response.?time|_p\d\d|\bp\d\d\b|slow/i, 'latency'],
  [/error|5xx|fail|exception|fault/i, 'errors'],
  [
    /avail|uptime|\bup\b|health|success|crash|down\b|ready|unreachable/i,
    'availability',
  ],
  [/cpu|processor/i, 'cpu'],
  [/mem|oom|heap|rss/i, 'memory'],
  [
    /saturat|queue|backlog|disk|throttl|connection|pool|lag\b|iops/i,
    'saturation',
  ],
  [
    /request|throughput|rps|qps|traffic|invocation|bytes|network|count/i,
    'traffic',
  ],
];

/**
 * The RCA kind of a metric or alert from its name (`http_request_duration_seconds`
 * → latency, `KubePodCrashLooping` → availability, `CPUUtilization` → cpu),
 * or `other`.
 */
export function seriesKindOf(name: string): RcaSeriesKind {
  return PATTERNS.find(([pattern]) => pattern.test(name))?.[1] ?? 'other';
}
