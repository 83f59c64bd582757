import fs from 'node:fs';
import path from 'node:path';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import {
  CatalogProcessorResult,
  parseEntityYaml,
} from '@backstage/plugin-catalog-node';

/** The repository's `examples/` folder. */
export const EXAMPLES = path.resolve(__dirname, '../../../../examples');

/** The example catalog files: every file of `examples/catalog/` and the org. */
export function exampleCatalogFiles(): string[] {
  const catalog = path.join(EXAMPLES, 'catalog');
  return [
    ...fs
      .readdirSync(catalog)
      .filter(f => f.endsWith('.yaml'))
      .map(f => path.join(catalog, f)),
    path.join(EXAMPLES, 'org.yaml'),
  ];
}

/**
 * The example estate's entities with the relations the catalog computes
 * for them (Backstage's own processor for the built-in kinds), as the
 * catalog would serve them.
 */
export async function exampleEntities(): Promise<Entity[]> {
  const processor = new BuiltinKindsEntityProcessor();
  const entities: Entity[] = [];
  for (const file of exampleCatalogFiles()) {
    const location = { type: 'file', target: file };
    for (const result of parseEntityYaml(fs.readFileSync(file), location)) {
      if (result.type !== 'entity') {
        throw new Error(`${file}: ${JSON.stringify(result)}`);
      }
      entities.push({
        ...result.entity,
        metadata: { namespace: 'default', ...result.entity.metadata },
      });
    }
  }
  const relations = new Map<
    string,
    Array<{ type: string; targetRef: string }>
  >();
  for (const entity of entities) {
    await processor.postProcessEntity(
      entity,
      { type: 'file', target: '' },
      (r: CatalogProcessorResult) => {
        if (r.type !== 'relation') return;
        const source = stringifyEntityRef(r.relation.source);
        relations.set(source, [
          ...(relations.get(source) ?? []),
          {
            type: r.relation.type,
            targetRef: stringifyEntityRef(r.relation.target),
          },
        ]);
      },
    );
  }
  return entities.map(entity => ({
    ...entity,
    relations: relations.get(stringifyEntityRef(entity)) ?? [],
  }));
}
