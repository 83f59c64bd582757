import {
  AuthService,
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DependencyGraph } from './DependencyGraph';
import { EntityIndex } from './EntityIndex';

/** The entity kinds that signals can belong to and that form the graph. */
const KINDS = ['Component', 'Resource', 'API', 'System'];

/**
 * The engine's view of the catalog: the entity index and the dependency
 * graph, rebuilt on a schedule. Each replica builds its own from the catalog,
 * so nothing here is state another replica needs.
 */
export class CatalogSnapshot {
  private current = {
    index: EntityIndex.fromEntities([]),
    graph: DependencyGraph.fromEntities([]),
    builtAt: undefined as Date | undefined,
  };

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

  /** Reads the catalog and swaps in a new index and graph. */
  async refresh(): Promise<void> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of this.options.catalog.streamEntities(
      { filter: { kind: KINDS } },
      { credentials },
    )) {
      entities.push(...page);
    }
    this.current = {
      index: EntityIndex.fromEntities(entities),
      graph: DependencyGraph.fromEntities(entities),
      builtAt: new Date(),
    };
    this.options.logger.debug(
      `Entity index rebuilt from ${entities.length} catalog entities`,
    );
  }

  /**
   * Refreshes once the backend has started (the catalog answers only then)
   * and every `frequencySeconds` after that on the scheduler.
   */
  async start(options: {
    scheduler: SchedulerService;
    lifecycle: LifecycleService;
    frequencySeconds: number;
  }): Promise<void> {
    options.lifecycle.addStartupHook(() =>
      this.refresh().catch(error =>
        this.options.logger.warn(
          `Could not read the catalog for the entity index; retrying in ${options.frequencySeconds} s: ${error}`,
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
  }
}
