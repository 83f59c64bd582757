/**
 * The call graph of a case: `caller → callee` edges (the caller depends on
 * the callee, so a fault in the callee shows up in the caller).
 */
export class ServiceGraph {
  private readonly calleesOf = new Map<string, Set<string>>();
  private readonly callersOf = new Map<string, Set<string>>();
  private readonly reachCache = new Map<string, Set<string>>();

  constructor(edges: Array<[string, string]> | undefined) {
    this.known = edges !== undefined && edges.length > 0;
    for (const [caller, callee] of edges ?? []) {
      if (caller === callee) continue;
      add(this.calleesOf, caller, callee);
      add(this.callersOf, callee, caller);
    }
  }

  /** False when the case gave no graph. */
  readonly known: boolean;

  get edgeCount(): number {
    let count = 0;
    this.calleesOf.forEach(set => (count += set.size));
    return count;
  }

  nodes(): string[] {
    return [...new Set([...this.calleesOf.keys(), ...this.callersOf.keys()])];
  }

  callers(service: string): string[] {
    return [...(this.callersOf.get(service) ?? [])];
  }

  callees(service: string): string[] {
    return [...(this.calleesOf.get(service) ?? [])];
  }

  /** Every service `service` depends on, directly or not, with its hop count. */
  dependencies(service: string): Map<string, number> {
    const hops = new Map<string, number>();
    let frontier = [service];
    for (let hop = 1; frontier.length; hop++) {
      const next: string[] = [];
      for (const current of frontier) {
        for (const callee of this.calleesOf.get(current) ?? []) {
          if (callee !== service && !hops.has(callee)) {
            hops.set(callee, hop);
            next.push(callee);
          }
        }
      }
      frontier = next;
    }
    return hops;
  }

  /** `service` and everything it depends on. */
  reach(service: string): Set<string> {
    let reach = this.reachCache.get(service);
    if (!reach) {
      reach = new Set([service, ...this.dependencies(service).keys()]);
      this.reachCache.set(service, reach);
    }
    return reach;
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string) {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}
