import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  IncidentSeverity,
  renderTemplate,
  Rule,
  Signal,
  validateRuleList,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  AnomalyDetector,
  Forecaster,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CompiledRule, compileRule } from './compileRule';
import { RuleEvaluationState, SeriesState } from './RuleEvaluationState';
import { RuleIndex } from './RuleIndex';
import { advance } from './transitions';

/**
 * What is known about a signal beyond the signal itself.
 *
 * @public
 */
export interface EvaluationContext {
  /** The catalog entity the signal was resolved to, if any. */
  entity?: Entity;
  /** `production`, `staging`, `development`, or undefined when unknown. */
  environment?: string;
}

/**
 * A rule starting or stopping to fire for a series.
 *
 * @public
 */
export interface RuleEvaluation {
  rule: Rule;
  status: 'firing' | 'resolved';
  severity: IncidentSeverity;
  title: string;
  dedupKey: string;
  /** The signal's labels with the rule's labels over them. */
  labels: Record<string, string>;
  /** The signal that caused it; for absent data, the last one seen. */
  signal: Signal;
  /** What happened, in words, such as `cpu_utilization 97 > 95 for 5m`. */
  reason: string;
}

/** Entities' refs, lower case: worded once per catalog entity, not per signal. */
const refs = new WeakMap<Entity, string>();

function refOf(entity: Entity): string {
  let ref = refs.get(entity);
  if (ref === undefined) {
    ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    refs.set(entity, ref);
  }
  return ref;
}

/**
 * Evaluates signals against the rule set. Time comes from the signals'
 * timestamps and from {@link RuleEngine.tick}, never from the clock, so a
 * replay of the same signals gives the same evaluations. Each alert (a rule
 * and a dedup key) emits `firing` when a series of it starts firing and
 * `resolved` when the last of its series stops.
 *
 * @public
 */
export class RuleEngine {
  private readonly state: RuleEvaluationState;
  private compiled?: { source: Rule[]; index: RuleIndex };
  /** Alerts that fired before a restart, by rule: `rule\u0000dedup key`. */
  private readonly resumed = new Set<string>();

  constructor(
    private readonly options: {
      /** The current rule set; it is compiled again whenever a different array is returned. */
      rules: () => Rule[];
      anomalyDetector?: AnomalyDetector;
      forecaster?: Forecaster;
      state?: RuleEvaluationState;
    },
  ) {
    this.state = options.state ?? new RuleEvaluationState();
  }

  /**
   * Evaluates one signal. Signals without a valid timestamp are ignored.
   *
   * @throws InputError when the rule set is not valid
   */
  async evaluate(
    signal: Signal,
    context: EvaluationContext,
  ): Promise<RuleEvaluation[]> {
    const timestamp = Date.parse(signal.timestamp);
    if (!Number.isFinite(timestamp)) {
      return [];
    }
    const entityRef = context.entity ? refOf(context.entity) : signal.entityRef;
    const evaluations: RuleEvaluation[] = [];
    for (const rule of this.index().candidates(signal)) {
      if (!rule.matches(signal, context)) {
        continue;
      }
      const { condition } = rule;
      const fresh =
        this.resumed.size > 0 &&
        !this.state.has(rule.rule.id, signal.fingerprint);
      const series = this.state.touch(
        rule.rule.id,
        signal.fingerprint,
        timestamp,
      );
      const taken = fresh && this.resume(rule, series, signal, entityRef);
      if (condition.kind === 'absent') {
        if (timestamp === series.lastSeen) {
          series.lastSignal = signal;
          series.entityRef = entityRef;
        }
        if (series.firing) {
          series.firing = false;
          const reason = condition.resolvedReason(signal.name);
          this.emit(
            evaluations,
            series,
            this.evaluation(rule, 'resolved', signal, entityRef, reason),
          );
        }
        continue;
      }
      if (timestamp < series.lastSeen) {
        // A point older than one already judged (a batch delivered again
        // late) would judge the series as it was then.
        continue;
      }
      const verdict = await condition.check({
        signal,
        timestamp,
        series,
        seriesId: `${rule.rule.id}/${signal.fingerprint}`,
      });
      const status =
        verdict && advance(series, verdict.holds, timestamp, condition.forMs);
      if (taken && verdict?.holds) {
        // Raised again, not assumed: its incident may have been resolved
        // meanwhile (by a person), and then this reopens it; if it is
        // still open, the repeat only counts.
        evaluations.push(
          this.evaluation(rule, 'firing', signal, entityRef, verdict.reason),
        );
        continue;
      }
      if (verdict && status) {
        const configured = rule.rule.condition;
        const lasting =
          status === 'firing' && condition.forMs > 0 && 'for' in configured
            ? ` for ${configured.for}`
            : '';
        this.emit(
          evaluations,
          series,
          this.evaluation(
            rule,
            status,
            signal,
            entityRef,
            `${verdict.reason}${lasting}`,
          ),
        );
      }
    }
    return evaluations;
  }

  /**
   * Takes up alerts that fire in stored incidents (from before a restart,
   * or raised by another replica): the first series of such an alert that
   * this engine meets counts as firing, so it resolves the alert when its
   * condition no longer holds, instead of being new and silent; while it
   * holds, the alert is raised again (a repeat for an incident still open).
   * Other series of a shared key that were firing fire again when next
   * judged, so such an alert may resolve and reopen once.
   */
  resumeFiring(keys: Array<{ ruleId: string; dedupKey: string }>): void {
    for (const { ruleId, dedupKey } of keys) {
      this.resumed.add(`${ruleId}\u0000${dedupKey}`);
    }
  }

  /** Takes up a resumed alert with this series, if it is one; says whether. */
  private resume(
    rule: CompiledRule,
    series: SeriesState,
    signal: Signal,
    entityRef: string | undefined,
  ): boolean {
    const { dedupKey } = this.evaluation(rule, 'firing', signal, entityRef, '');
    const key = `${rule.rule.id}\u0000${dedupKey}`;
    if (!this.resumed.delete(key)) return false;
    series.firing = true;
    series.dedupKey = dedupKey;
    series.lastSignal = signal;
    series.entityRef = entityRef;
    this.state.countFiring(rule.rule.id, dedupKey, 1);
    return true;
  }

  /**
   * Whether any rule of the set matches the signal, whatever its condition
   * says: an alert a rule matches is that rule's to raise, even while the
   * rule already fires for it and emits nothing.
   *
   * @throws InputError when the rule set is not valid
   */
  matchesAnyRule(signal: Signal, context: EvaluationContext): boolean {
    return this.index()
      .candidates(signal)
      .some(rule => rule.matches(signal, context));
  }

  /**
   * Lets time pass to `nowMs`: absent-data rules fire for series silent for
   * their `for`, and series not seen for the state's retention are forgotten.
   *
   * @throws InputError when the rule set is not valid
   */
  async tick(nowMs: number): Promise<RuleEvaluation[]> {
    const index = this.index();
    const evaluations: RuleEvaluation[] = [];
    for (const rule of index.absent) {
      const { condition } = rule;
      for (const series of this.state.seriesOf(rule.rule.id)) {
        if (series.lastSignal && condition.isDue(series, nowMs)) {
          series.firing = true;
          const { lastSignal, entityRef } = series;
          const reason = condition.firingReason(lastSignal.name, series);
          this.emit(
            evaluations,
            series,
            this.evaluation(rule, 'firing', lastSignal, entityRef, reason),
          );
        }
      }
    }
    this.state.evict(nowMs, index.ids);
    return evaluations;
  }

  /**
   * Adds a series' evaluation, as one alert per dedup key: the series of a
   * rule that share a key (the default, `rule:entity`, is shared by every
   * pod of a service) fire it with the first of them and resolve it, under
   * the key it fired with, with the last.
   */
  private emit(
    evaluations: RuleEvaluation[],
    series: SeriesState,
    evaluation: RuleEvaluation,
  ): void {
    const ruleId = evaluation.rule.id;
    if (evaluation.status === 'firing') {
      series.dedupKey = evaluation.dedupKey;
      this.state.countFiring(ruleId, evaluation.dedupKey, 1);
      evaluations.push(evaluation);
      return;
    }
    const dedupKey = series.dedupKey ?? evaluation.dedupKey;
    series.dedupKey = undefined;
    if (this.state.countFiring(ruleId, dedupKey, -1) === 0) {
      evaluations.push({ ...evaluation, dedupKey });
    }
  }

  private index(): RuleIndex {
    const rules = this.options.rules();
    if (this.compiled?.source !== rules) {
      const { errors } = validateRuleList(rules, {
        file: 'rule set',
        path: 'rules',
      });
      if (errors.length > 0) {
        throw new InputError(
          `Invalid rule set: ${errors.map(e => e.message).join('; ')}`,
        );
      }
      const compiled = rules.map((rule, order) =>
        compileRule(rule, order, this.options),
      );
      this.compiled = { source: rules, index: new RuleIndex(compiled) };
    }
    return this.compiled.index;
  }

  private evaluation(
    compiled: CompiledRule,
    status: RuleEvaluation['status'],
    signal: Signal,
    entityRef: string | undefined,
    reason: string,
  ): RuleEvaluation {
    const { rule } = compiled;
    const values = { rule, signal, entityRef };
    const subject = entityRef || signal.resource || signal.fingerprint;
    return {
      rule,
      status,
      severity: rule.severity,
      title: compiled.title
        ? renderTemplate(compiled.title, values, 'readable')
        : `${rule.description ?? rule.id}: ${signal.name} on ${subject}`,
      dedupKey: compiled.dedupKey
        ? renderTemplate(compiled.dedupKey, values)
        : `${rule.id}:${entityRef || signal.fingerprint}`,
      labels: { ...signal.labels, ...rule.labels },
      signal,
      reason,
    };
  }
}
