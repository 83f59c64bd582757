import { Entity } from '@backstage/catalog-model';
import {
  DependencyEdge,
  DependencyGraph as DependencyGraphView,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { EntityIndex } from './EntityIndex';
import { toEntityInfo } from './entityInfo';

/**
 * The service dependency graph from catalog relations: `dependsOn`,
 * `consumesApi` (to the API's provider) and `partOf` between components and
 * resources. An edge `from → to` means `from` needs `to`, so a fault in `to`
 * shows up in `from`.
 */
export class DependencyGraph {
  private readonly out = new Map<string, DependencyEdge[]>();
  private readonly in = new Map<string, DependencyEdge[]>();

  static fromEntities(entities: Entity[]): DependencyGraph {
    const graph = new DependencyGraph();
    const providers = new Map<string, string[]>();
    const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
    for (const entity of entities) {
      if (entity.kind.toLocaleLowerCase('en-US') !== 'api') continue;
      const apiRef = toEntityInfo(entity).ref;
      providers.set(
        apiRef,
        (entity.relations ?? [])
          .filter(r => r.type === 'apiProvidedBy')
          .map(r => lower(r.targetRef)),
      );
    }
    for (const entity of entities) {
      const from = toEntityInfo(entity).ref;
      for (const relation of entity.relations ?? []) {
        const target = lower(relation.targetRef);
        if (relation.type === 'dependsOn') {
          graph.addEdge({ from, to: target, type: 'dependsOn' });
        } else if (relation.type === 'consumesApi') {
          for (const provider of providers.get(target) ?? []) {
            if (provider !== from)
              graph.addEdge({ from, to: provider, type: 'consumesApi' });
          }
        } else if (
          relation.type === 'partOf' &&
          /^(component|resource):/.test(target)
        ) {
          graph.addEdge({ from, to: target, type: 'partOf' });
        }
      }
    }
    return graph;
  }

  addEdge(edge: DependencyEdge) {
    const outgoing = this.out.get(edge.from) ?? [];
    if (outgoing.some(e => e.to === edge.to && e.type === edge.type)) return;
    outgoing.push(edge);
    this.out.set(edge.from, outgoing);
    this.in.set(edge.to, [...(this.in.get(edge.to) ?? []), edge]);
  }

  /** What `ref` needs. */
  dependencies(ref: string): string[] {
    return (this.out.get(ref) ?? []).map(e => e.to);
  }

  /** What needs `ref`. */
  dependents(ref: string): string[] {
    return (this.in.get(ref) ?? []).map(e => e.from);
  }

  /** `ref` and every entity within `depth` hops of it, in either direction. */
  neighbourhood(ref: string, depth: number): Set<string> {
    const refs = new Set([ref]);
    let frontier = [ref];
    for (let hop = 0; hop < depth && frontier.length; hop++) {
      const next: string[] = [];
      for (const current of frontier) {
        for (const n of [
          ...this.dependencies(current),
          ...this.dependents(current),
        ]) {
          if (!refs.has(n)) {
            refs.add(n);
            next.push(n);
          }
        }
      }
      frontier = next;
    }
    return refs;
  }

  /** Everything `ref` needs, directly or through others. */
  transitiveDependencies(ref: string): Set<string> {
    const seen = new Set<string>();
    const stack = [ref];
    while (stack.length) {
      for (const n of this.dependencies(stack.pop()!)) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    return seen;
  }

  /**
   * Among entities that alert together, the one the most others depend on
   * (directly or not): the first suspect. Ties go to the earliest listed.
   */
  upstreamMost(refs: string[]): string | undefined {
    let best: string | undefined;
    let bestScore = -1;
    for (const candidate of refs) {
      const score = refs.filter(
        other =>
          other !== candidate &&
          this.transitiveDependencies(other).has(candidate),
      ).length;
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  /** The neighbourhood of `rootRef` within `depth` hops in either direction. */
  view(
    rootRef: string,
    depth: number,
    index: EntityIndex,
  ): DependencyGraphView {
    const refs = this.neighbourhood(rootRef, depth);
    const edges = [...refs].flatMap(ref =>
      (this.out.get(ref) ?? []).filter(e => refs.has(e.to)),
    );
    const nodes = [...refs].map(ref => {
      const info = index.get(ref);
      const [kind, rest] = ref.split(':');
      return {
        entityRef: ref,
        kind: info?.kind ?? kind,
        name: info?.name ?? rest.split('/').pop()!,
        title: info?.title,
        systemRef: info?.systemRef,
        ownerRef: info?.ownerRef,
      };
    });
    return { rootRef, nodes, edges };
  }
}
