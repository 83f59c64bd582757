import {
  AuthService,
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import crypto from 'node:crypto';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DependencyGraph } from './DependencyGraph';
import { EntityIndex } from './EntityIndex';

/** The entity kinds that signals can belong to and that form the graph. */
const KINDS = ['Component', 'Resource', 'API', 'System'];

/** Enough of an entity to see whether it was added, removed or changed. */
const IDENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.uid',
  'metadata.etag',
];

/** Changes whenever an entity is added, removed or changed (its etag). */
function digestOf(entities: Entity[]): string {
  const lines = entities
    .map(
      e =>
        `${stringifyEntityRef(e)} ${e.metadata.uid ?? ''} ${
          e.metadata.etag ?? ''
        }`,
    )
    .sort();
  return crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
}

/**
 * The engine's view of the catalog: the entity index and the dependency
 * graph, rebuilt when the catalog changes (a frequent, cheap check of every
 * entity's identity and etag) and on a slower schedule regardless. Each
 * replica builds its own from the catalog, so nothing here is state another
 * replica needs.
 */
export class CatalogSnapshot {
  private current = {
    index: EntityIndex.fromEntities([]),
    graph: DependencyGraph.fromEntities([]),
    builtAt: undefined as Date | undefined,
    digest: undefined as string | undefined,
  };
  private settle!: () => void;
  /** See {@link CatalogSnapshot.firstRead}. */
  private readonly settled = new Promise<void>(resolve => {
    this.settle = resolve;
  });

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  get index(): EntityIndex {
    return this.current.index;
  }

  get graph(): DependencyGraph {
    return this.current.graph;
  }

  get builtAt(): Date | undefined {
    return this.current.builtAt;
  }

  /**
   * Settles once the catalog has been read for the first time, or once the
   * wait for it that {@link CatalogSnapshot.start} allows has run out
   * (whichever comes first). Signals that arrive just after a start wait on
   * it, so they are linked to their entities rather than stored unlinked.
   */
  get firstRead(): Promise<void> {
    return this.settled;
  }

  /** Reads the catalog and swaps in a new index and graph. */
  async refresh(): Promise<void> {
    const entities = await this.read();
    this.current = {
      index: EntityIndex.fromEntities(entities),
      graph: DependencyGraph.fromEntities(entities),
      builtAt: new Date(),
      digest: digestOf(entities),
    };
    this.settle();
    this.options.logger.debug(
      `Entity index rebuilt from ${entities.length} catalog entities`,
    );
  }

  /**
   * Rebuilds when an entity was added, removed or changed since the last
   * build; reads only the entities' identities to find out.
   */
  async refreshIfChanged(): Promise<boolean> {
    const digest = digestOf(await this.read(IDENTITY_FIELDS));
    if (digest === this.current.digest) {
      return false;
    }
    await this.refresh();
    return true;
  }

  private async read(fields?: string[]): Promise<Entity[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of this.options.catalog.streamEntities(
      { filter: { kind: KINDS }, fields },
      { credentials },
    )) {
      entities.push(...page);
    }
    return entities;
  }

  /**
   * Refreshes once the backend has started (the catalog answers only then),
   * whenever a check every `changeCheckSeconds` sees the catalog changed, and
   * every `frequencySeconds` regardless, on the scheduler. Until the first
   * read, {@link CatalogSnapshot.firstRead} waits at most
   * `firstReadWaitSeconds` from now.
   */
  async start(options: {
    scheduler: SchedulerService;
    lifecycle: LifecycleService;
    frequencySeconds: number;
    changeCheckSeconds: number;
    firstReadWaitSeconds: number;
  }): Promise<void> {
    const giveUp = setTimeout(() => {
      if (!this.current.builtAt) {
        this.options.logger.warn(
          `The catalog has not been read ${options.firstReadWaitSeconds} s after start; until it is, signals are stored without their entities`,
        );
      }
      this.settle();
    }, options.firstReadWaitSeconds * 1000);
    giveUp.unref();
    this.settled.then(() => clearTimeout(giveUp));
    options.lifecycle.addStartupHook(() =>
      this.refresh().catch(error =>
        this.options.logger.warn(
          `Could not read the catalog for the entity index; retrying in ${options.changeCheckSeconds} s: ${error}`,
        ),
      ),
    );
    await options.scheduler.scheduleTask({
      id: 'cloudops-entity-index',
      scope: 'local',
      frequency: { seconds: options.frequencySeconds },
      timeout: { minutes: 5 },
      initialDelay: { seconds: options.frequencySeconds },
      fn: () => this.refresh(),
    });
    await options.scheduler.scheduleTask({
      id: 'cloudops-entity-index-changes',
      scope: 'local',
      frequency: { seconds: options.changeCheckSeconds },
      timeout: { minutes: 5 },
      initialDelay: { seconds: options.changeCheckSeconds },
      fn: async () => {
        await this.refreshIfChanged();
      },
    });
  }
}
