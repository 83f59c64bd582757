import {
  Signal,
  SIGNAL_KINDS,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CompiledRule } from './compileRule';
import { AbsenceCondition } from './conditions/types';

/**
 * The rules of a rule set indexed by signal kind and name, so that a signal
 * is only matched against rules that can apply to it: those naming its name
 * exactly, and those with a regular expression or no name.
 */
export class RuleIndex {
  readonly ids: ReadonlySet<string>;
  /** Rules with an absent-data condition, which time can fire. */
  readonly absent: Array<CompiledRule & { condition: AbsenceCondition }>;
  private readonly byName = new Map<string, CompiledRule[]>();
  private readonly unnamed = new Map<string, CompiledRule[]>();

  constructor(rules: CompiledRule[]) {
    this.ids = new Set(rules.map(r => r.rule.id));
    this.absent = rules.filter(
      (r): r is CompiledRule & { condition: AbsenceCondition } =>
        r.condition.kind === 'absent',
    );
    for (const rule of rules) {
      const { kind, name } = rule.rule.match;
      const names =
        name === undefined || (typeof name === 'object' && 'regex' in name)
          ? []
          : [name].flat();
      for (const signalKind of kind ? [kind] : SIGNAL_KINDS) {
        if (names.length === 0) {
          push(this.unnamed, signalKind, rule);
        }
        for (const signalName of new Set(names)) {
          push(this.byName, `${signalKind}\u0000${signalName}`, rule);
        }
      }
    }
  }

  /** The rules that may match the signal, in rule order. */
  candidates(signal: Signal): CompiledRule[] {
    const named = this.byName.get(`${signal.kind}\u0000${signal.name}`) ?? [];
    const unnamed = this.unnamed.get(signal.kind) ?? [];
    if (named.length === 0 || unnamed.length === 0) {
      return named.length === 0 ? unnamed : named;
    }
    return [...named, ...unnamed].sort((a, b) => a.order - b.order);
  }
}

function push<K>(map: Map<K, CompiledRule[]>, key: K, rule: CompiledRule) {
  const list = map.get(key);
  if (list) {
    list.push(rule);
  } else {
    map.set(key, [rule]);
  }
}
