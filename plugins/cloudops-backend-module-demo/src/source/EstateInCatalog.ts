import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DemoEstate } from '../estate/types';

/**
 * Holds the demo fleet's signals back until the catalog lists the estate's
 * entities and the engine has had time to rebuild its entity index from
 * them: a signal read before that maps to no entity, and its incident would
 * have no service, owner or root-cause analysis. At `yarn start` the
 * catalog reads the example files a few seconds after the backend is up.
 */
export class EstateInCatalog {
  private firstCheck?: number;
  private listedAt?: number;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      estate: DemoEstate;
      /** How long the engine takes to see catalog changes (its change check interval). */
      settleMs: number;
      /** After this long, go on with the entities the catalog has. */
      maxWaitMs: number;
      now?: () => number;
    },
  ) {}

  /** Throws, saying what it waits for, until the estate is in the engine's index. */
  async check(): Promise<void> {
    const now = (this.deps.now ?? Date.now)();
    if (this.listedAt === undefined) {
      this.firstCheck ??= now;
      const refs = this.deps.estate.services.map(s => s.ref);
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ['kind', 'metadata.name'] },
        { credentials: await this.deps.auth.getOwnServiceCredentials() },
      );
      const listed = items.filter(Boolean).length;
      if (listed < refs.length) {
        if (now - this.firstCheck < this.deps.maxWaitMs) {
          throw new Error(
            `Waiting for the catalog to list the demo estate: ${listed} of ${refs.length} entities so far`,
          );
        }
        this.deps.logger.warn(
          `The catalog lists ${listed} of the demo estate's ${refs.length} entities (examples/catalog); the demo fleet's signals for the others will have no entity`,
        );
      }
      this.listedAt = now;
    }
    const left = this.listedAt + this.deps.settleMs - now;
    if (left > 0) {
      throw new Error(
        `The catalog lists the demo estate; waiting ${Math.ceil(
          left / 1000,
        )} s more for the entity index to include it`,
      );
    }
  }
}
