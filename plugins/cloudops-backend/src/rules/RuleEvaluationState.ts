import { JsonObject, JsonValue } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * What the engine remembers about one series (signal fingerprint) under one
 * rule. Times are epoch milliseconds from signal timestamps.
 */
export interface SeriesState {
  /** Whether the rule fires for the series. */
  firing: boolean;
  /** Since when the condition holds without a break, while waiting for `for`. */
  pendingSince?: number;
  /** The latest timestamp seen. */
  lastSeen: number;
  /** The previous point, for rates. */
  lastValue?: number;
  lastTimestamp?: number;
  /** Absent-data rules: the latest signal and its entity, to report with. */
  lastSignal?: Signal;
  entityRef?: string;
  /** While it fires: the dedup key it fired under. */
  dedupKey?: string;
}

const SNAPSHOT_VERSION = 1;

const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalNumber(value: unknown): value is number | undefined {
  return value === undefined || Number.isFinite(value);
}

function toSeriesState(value: unknown): SeriesState | undefined {
  if (
    !isObject(value) ||
    typeof value.firing !== 'boolean' ||
    !Number.isFinite(value.lastSeen) ||
    !optionalNumber(value.pendingSince) ||
    !optionalNumber(value.lastValue) ||
    !optionalNumber(value.lastTimestamp) ||
    !(value.lastSignal === undefined || isObject(value.lastSignal)) ||
    !(value.entityRef === undefined || typeof value.entityRef === 'string') ||
    !(value.dedupKey === undefined || typeof value.dedupKey === 'string')
  ) {
    return undefined;
  }
  return {
    firing: value.firing,
    lastSeen: value.lastSeen as number,
    pendingSince: value.pendingSince,
    lastValue: value.lastValue,
    lastTimestamp: value.lastTimestamp,
    lastSignal: value.lastSignal as Signal | undefined,
    entityRef: value.entityRef,
    dedupKey: value.dedupKey,
  };
}

/**
 * The rule engine's memory: per rule and series, whether it fires, since when
 * its condition holds, its previous point and when it was last seen. It can be
 * snapshotted to JSON and restored, so that another replica continues where
 * this one stopped. Series not seen for the retention time are evicted.
 *
 * @public
 */
export class RuleEvaluationState {
  private readonly byRule = new Map<string, Map<string, SeriesState>>();
  /** How many series of a rule fire under each dedup key. */
  private readonly firingKeys = new Map<string, number>();
  private readonly retentionMs: number;

  constructor(options?: { retentionMs?: number }) {
    this.retentionMs = options?.retentionMs ?? DEFAULT_RETENTION_MS;
  }

  /** Whether the state has a series of the rule. */
  has(ruleId: string, fingerprint: string): boolean {
    return this.byRule.get(ruleId)?.has(fingerprint) ?? false;
  }

  /** The series of a rule, created when new; its `lastSeen` moves to `timestamp` if later. */
  touch(ruleId: string, fingerprint: string, timestamp: number): SeriesState {
    let series = this.byRule.get(ruleId);
    if (!series) {
      series = new Map();
      this.byRule.set(ruleId, series);
    }
    let state = series.get(fingerprint);
    if (!state) {
      state = { firing: false, lastSeen: timestamp };
      series.set(fingerprint, state);
    }
    state.lastSeen = Math.max(state.lastSeen, timestamp);
    return state;
  }

  /**
   * Counts a series of a rule starting (`+1`) or stopping (`-1`) to fire
   * under a dedup key; returns how many of the rule's series fire under it
   * now.
   */
  countFiring(ruleId: string, dedupKey: string, delta: 1 | -1): number {
    const key = `${ruleId}\u0000${dedupKey}`;
    const count = Math.max(0, (this.firingKeys.get(key) ?? 0) + delta);
    if (count > 0) this.firingKeys.set(key, count);
    else this.firingKeys.delete(key);
    return count;
  }

  /** Every series of a rule. */
  seriesOf(ruleId: string): Iterable<SeriesState> {
    return this.byRule.get(ruleId)?.values() ?? [];
  }

  /** How many series are remembered. */
  get size(): number {
    let size = 0;
    for (const series of this.byRule.values()) {
      size += series.size;
    }
    return size;
  }

  /**
   * Forgets series not seen within the retention time before `nowMs`, and
   * every series of rules that are no longer in `ruleIds`.
   */
  evict(nowMs: number, ruleIds: ReadonlySet<string>): void {
    const oldest = nowMs - this.retentionMs;
    for (const [ruleId, series] of this.byRule) {
      const gone = !ruleIds.has(ruleId);
      for (const [fingerprint, state] of series) {
        if (gone || state.lastSeen < oldest) {
          series.delete(fingerprint);
          if (state.firing && state.dedupKey) {
            this.countFiring(ruleId, state.dedupKey, -1);
          }
        }
      }
      if (series.size === 0) {
        this.byRule.delete(ruleId);
      }
    }
  }

  /** The whole state as JSON, for {@link RuleEvaluationState.restore}. */
  snapshot(): JsonObject {
    const series: JsonObject[] = [];
    for (const [rule, byFingerprint] of this.byRule) {
      for (const [fingerprint, state] of byFingerprint) {
        // JSON.stringify drops the fields that are undefined.
        series.push(
          JSON.parse(JSON.stringify({ rule, fingerprint, ...state })),
        );
      }
    }
    return { version: SNAPSHOT_VERSION, series };
  }

  /**
   * Rebuilds a state from {@link RuleEvaluationState.snapshot}.
   *
   * @throws InputError when `json` is not such a snapshot
   */
  static restore(
    json: JsonValue,
    options?: { retentionMs?: number },
  ): RuleEvaluationState {
    if (
      !isObject(json) ||
      json.version !== SNAPSHOT_VERSION ||
      !Array.isArray(json.series)
    ) {
      throw new InputError(
        `Not a rule evaluation state snapshot (expected version ${SNAPSHOT_VERSION} with a series list)`,
      );
    }
    const state = new RuleEvaluationState(options);
    json.series.forEach((entry, index) => {
      const series = toSeriesState(entry);
      if (
        !series ||
        !isObject(entry) ||
        typeof entry.rule !== 'string' ||
        typeof entry.fingerprint !== 'string'
      ) {
        throw new InputError(
          `Rule evaluation state snapshot: series[${index}] is not a series state`,
        );
      }
      Object.assign(
        state.touch(entry.rule, entry.fingerprint, series.lastSeen),
        series,
      );
      if (series.firing && series.dedupKey) {
        state.countFiring(entry.rule, series.dedupKey, 1);
      }
    });
    return state;
  }
}
