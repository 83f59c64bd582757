import { RcaChange } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { GraphVerdict } from './graphScoring';
import { ServiceEvidence } from './serviceEvidence';
import { SeriesMove } from './seriesMove';

/** How many series moves each candidate cites. */
const CITED_MOVES = 3;

/** `+20s`, `-3m`, `+1h5m`. */
export function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  let rest = Math.round(Math.abs(seconds));
  if (rest < 60) return `${sign}${rest}s`;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return `${sign}${parts.join('')}`;
}

/** A number short enough to read: 3 significant digits, plain notation. */
export function formatValue(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}

/** `carts cpu (carts_cpu) +6.1 MAD at t+20s (12.5 → 98.2 %)`. */
export function describeMove(move: SeriesMove): string {
  const { service, metric, kind, unit } = move.series.source;
  const name = metric === kind ? kind : `${kind} (${metric})`;
  const sign = move.direction === 'rise' ? '+' : '-';
  const when = Number.isFinite(move.onset)
    ? ` at t${formatOffset(move.onset)}`
    : '';
  return `${service} ${name} ${sign}${move.deviation.toFixed(
    1,
  )} MAD${when} (${formatValue(move.baseline)} → ${formatValue(move.peak)}${
    unit ? ` ${unit}` : ''
  })`;
}

/** `changed 12m before the fault: deploy v2.3.1`. */
export function describeChange(change: RcaChange, faultTime: number): string {
  const ago = formatOffset(faultTime - change.time).slice(1);
  return `changed ${ago} before the fault: ${change.description}`;
}

/**
 * The human-readable reasons for a candidate's place: the series that
 * moved, where it sits in the graph, and recent changes.
 */
export function describeCandidate(
  evidence: ServiceEvidence,
  verdict: GraphVerdict,
  faultTime: number,
  graphKnown: boolean,
  moveThreshold: number,
): string[] {
  const lines: string[] = evidence.moved
    ? evidence.moves
        .filter(m => m.deviation > moveThreshold)
        .slice(0, CITED_MOVES)
        .map(describeMove)
    : [];
  if (evidence.total === 0) {
    lines.push(`${evidence.service}: no series in the case`);
  } else if (evidence.judged === 0) {
    lines.push(
      `${evidence.service}: none of its ${evidence.total} series has enough points before the fault to judge`,
    );
  } else if (!evidence.moved) {
    const [largest] = evidence.moves;
    lines.push(
      `${evidence.service}: none of its ${
        evidence.judged
      } series moved beyond the noise${
        largest.deviation >= 1 ? ` (largest: ${describeMove(largest)})` : ''
      }`,
    );
  }
  if (graphKnown && evidence.moved) {
    const { explainedBy, supportingCallers, callerCount } = verdict;
    if (explainedBy) {
      lines.push(
        `depends on ${explainedBy.service} (${explainedBy.hops} hop${
          explainedBy.hops > 1 ? 's' : ''
        }), which moved ${
          explainedBy.share >= 1
            ? 'at least as much'
            : `${Math.round(explainedBy.share * 100)} % as much`
        } and no later: possibly propagated`,
      );
    } else {
      lines.push('nothing it depends on moved as early: upstream-most mover');
    }
    if (callerCount > 0) {
      lines.push(
        `${
          supportingCallers.length
        } of its ${callerCount} caller(s) moved with or after it${
          supportingCallers.length
            ? ` (${supportingCallers.slice(0, 3).join(', ')})`
            : ''
        }`,
      );
    }
  }
  if (verdict.behindSymptom === true) {
    lines.push('the alerting service depends on it');
  }
  for (const change of evidence.changes) {
    lines.push(describeChange(change, faultTime));
  }
  return lines;
}
