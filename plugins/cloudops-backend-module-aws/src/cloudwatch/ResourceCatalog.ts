import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CLOUDOPS_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { ArnResource, parseResourceArn } from './arnDimensions';

/** A catalog entity and the AWS resources it owns. */
export interface EntityResources {
  entity: Entity;
  ref: string;
  resources: ArnResource[];
}

/**
 * The catalog entities that name AWS resources
 * (`cloudops.ai/aws-resource-arns`), read from the catalog at most every
 * `refreshMs` and shared by every read of the replica.
 */
export class ResourceCatalog {
  private cached?: { at: number; entities: Promise<EntityResources[]> };

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      refreshMs: number;
    },
  ) {}

  entities(): Promise<EntityResources[]> {
    if (!this.cached || Date.now() - this.cached.at >= this.deps.refreshMs) {
      const entities = this.load();
      this.cached = { at: Date.now(), entities };
      entities.catch(() => {
        if (this.cached?.entities === entities) this.cached = undefined;
      });
    }
    return this.cached.entities;
  }

  private async load(): Promise<EntityResources[]> {
    const annotation = CLOUDOPS_ANNOTATIONS.awsResourceArns;
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
        },
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    return items.flatMap(entity => {
      const arns = (entity.metadata.annotations?.[annotation] ?? '')
        .split(',')
        .map(a => a.trim())
        .filter(Boolean);
      const resources = arns.flatMap(arn => {
        const resource = parseResourceArn(arn);
        return resource ? [resource] : [];
      });
      return resources.length > 0
        ? [{ entity, ref: stringifyEntityRef(entity), resources }]
        : [];
    });
  }
}
