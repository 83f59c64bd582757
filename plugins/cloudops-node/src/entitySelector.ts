import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntitySelector } from '@cloudops-ai/backstage-plugin-cloudops-common';

type Test = (entity: Entity) => boolean;

/** A ref in canonical form, or undefined when `value` is not a ref. */
function canonicalRef(
  value: unknown,
  defaults: { defaultKind: string; defaultNamespace: string },
): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, defaults),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Tests a relation such as `spec.owner`. Names without a namespace are read
 * in the entity's namespace on both sides, so `team-a` matches `team-a`,
 * `group:team-a` and `group:default/team-a` of an entity in `default`.
 */
function relationTest(field: 'owner' | 'system', wanted: string): Test {
  const defaultKind = field === 'owner' ? 'group' : 'system';
  return entity => {
    const defaults = {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    };
    const actual = canonicalRef(entity.spec?.[field], defaults);
    return actual !== undefined && actual === canonicalRef(wanted, defaults);
  };
}

/**
 * Compiles an entity selector into a test of the resolved entity. Without an
 * entity, nothing matches. The engine uses it for rules' `match.entity`;
 * sources use it to pick the entities whose resources a rule looks at.
 *
 * @public
 */
export function compileEntitySelector(
  selector: EntitySelector,
): (entity: Entity | undefined) => boolean {
  const tests: Test[] = [];
  const { kind, type, system, owner, annotations } = selector;
  if (kind) {
    const wanted = kind.toLocaleLowerCase('en-US');
    tests.push(entity => entity.kind.toLocaleLowerCase('en-US') === wanted);
  }
  if (type) {
    tests.push(entity => entity.spec?.type === type);
  }
  if (system) {
    tests.push(relationTest('system', system));
  }
  if (owner) {
    tests.push(relationTest('owner', owner));
  }
  for (const [name, wanted] of Object.entries(annotations ?? {})) {
    tests.push(entity => {
      const value = entity.metadata.annotations?.[name];
      return typeof wanted === 'string'
        ? value === wanted
        : (value !== undefined) === wanted.exists;
    });
  }
  return entity => entity !== undefined && tests.every(test => test(entity));
}
