import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The annotations of the catalog's Group entities, by lower-case ref: where
 * each team wants to hear about its incidents (`slack.com/channel`). Read
 * from the catalog on a schedule so routing inside a transaction is a lookup.
 */
export class TeamDirectory {
  private annotations = new Map<string, Record<string, string>>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  /** The annotation of a team, if it has it. */
  annotation(groupRef: string | undefined, key: string): string | undefined {
    return groupRef ? this.annotations.get(groupRef)?.[key] : undefined;
  }

  async refresh(): Promise<void> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const next = new Map<string, Record<string, string>>();
    for await (const page of this.options.catalog.streamEntities(
      {
        filter: { kind: 'Group' },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials },
    )) {
      for (const group of page) {
        next.set(
          stringifyEntityRef(group).toLocaleLowerCase('en-US'),
          group.metadata.annotations ?? {},
        );
      }
    }
    this.annotations = next;
  }

  async start(options: {
    scheduler: SchedulerService;
    frequencySeconds: number;
  }): Promise<void> {
    await options.scheduler.scheduleTask({
      id: 'cloudops-team-directory',
      scope: 'local',
      frequency: { seconds: options.frequencySeconds },
      timeout: { minutes: 2 },
      fn: () =>
        this.refresh().catch(error =>
          this.options.logger.warn(
            `Could not read the teams' channels from the catalog: ${error}`,
          ),
        ),
    });
  }
}
