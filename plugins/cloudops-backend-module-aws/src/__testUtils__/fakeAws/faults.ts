/** Which calls a fault applies to; absent fields match every call. */
export interface FaultScope {
  /** The signing name, e.g. `monitoring`. */
  service?: string;
  operation?: string;
  account?: string;
}

/**
 * A fault injected into matching calls: throttling or a server error, with a
 * probability (from a seeded generator, so runs repeat) or for the next
 * `times` matching calls.
 */
export interface FaultRule extends FaultScope {
  kind: 'throttle' | 'server-error';
  probability?: number;
  times?: number;
}

/** A small seeded generator (mulberry32), so fault patterns repeat. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matches(rule: FaultScope, call: Required<FaultScope>): boolean {
  return (
    (!rule.service || rule.service === call.service) &&
    (!rule.operation || rule.operation === call.operation) &&
    (!rule.account || rule.account === call.account)
  );
}

/** The faults in force and the decision for each call. */
export class Faults {
  private rules: FaultRule[] = [];
  private random = seededRandom(1);

  seed(value: number) {
    this.random = seededRandom(value);
  }

  add(rule: FaultRule) {
    this.rules.push({ ...rule });
  }

  clear() {
    this.rules = [];
  }

  /** The fault a call gets, if any. */
  decide(call: Required<FaultScope>): FaultRule['kind'] | undefined {
    for (const rule of this.rules) {
      if (!matches(rule, call)) continue;
      if (rule.times !== undefined) {
        if (rule.times > 0) {
          rule.times -= 1;
          return rule.kind;
        }
      } else if (this.random() < (rule.probability ?? 1)) {
        return rule.kind;
      }
    }
    return undefined;
  }
}
