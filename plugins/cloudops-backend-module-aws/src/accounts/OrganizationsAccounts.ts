import {
  Account,
  OrganizationsClient,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListTagsForResource,
} from '@aws-sdk/client-organizations';
import { AwsClients } from '../clients/AwsClients';
import { AwsModuleOptions } from '../options';

/** Organizations is a global service served from us-east-1. */
const ORGANIZATIONS_REGION = 'us-east-1';

type Discovery = NonNullable<AwsModuleOptions['organizations']>;

/**
 * Lists the active accounts of an AWS Organization, optionally only those
 * under some organizational units (and the units below them) and carrying
 * some tags. Every listing call is paginated.
 */
export class OrganizationsAccounts {
  constructor(
    private readonly clients: AwsClients,
    private readonly options: Discovery,
  ) {}

  async list(signal?: AbortSignal): Promise<string[]> {
    const target = {
      account: this.options.accountId,
      region: ORGANIZATIONS_REGION,
    };
    const paginate = <T>(
      pages: (client: OrganizationsClient) => AsyncIterable<T>,
    ): Promise<T[]> =>
      this.clients.call(
        target,
        OrganizationsClient,
        async client => {
          const all: T[] = [];
          for await (const page of pages(client)) {
            signal?.throwIfAborted();
            all.push(page);
          }
          return all;
        },
        signal,
      );

    const active = (accounts: Account[] = []) =>
      accounts
        .filter(a => (a.State ?? a.Status) === 'ACTIVE' && a.Id)
        .map(a => a.Id!);

    let ids = (
      await paginate(client => paginateListAccounts({ client }, {}))
    ).flatMap(page => active(page.Accounts));

    if (this.options.organizationalUnits.length > 0) {
      const inUnits = new Set<string>();
      const queue = [...this.options.organizationalUnits];
      while (queue.length > 0) {
        const parent = queue.shift()!;
        const accounts = await paginate(client =>
          paginateListAccountsForParent({ client }, { ParentId: parent }),
        );
        accounts
          .flatMap(p => active(p.Accounts))
          .forEach(id => inUnits.add(id));
        const units = await paginate(client =>
          paginateListOrganizationalUnitsForParent(
            { client },
            { ParentId: parent },
          ),
        );
        queue.push(
          ...units.flatMap(p => (p.OrganizationalUnits ?? []).map(u => u.Id!)),
        );
      }
      ids = ids.filter(id => inUnits.has(id));
    }

    const wanted = Object.entries(this.options.tags);
    if (wanted.length > 0) {
      const tagged: string[] = [];
      for (const id of ids) {
        const pages = await paginate(client =>
          paginateListTagsForResource({ client }, { ResourceId: id }),
        );
        const tags = new Map(
          pages.flatMap(p =>
            (p.Tags ?? []).map(t => [t.Key, t.Value] as const),
          ),
        );
        if (wanted.every(([key, value]) => tags.get(key) === value)) {
          tagged.push(id);
        }
      }
      ids = tagged;
    }
    const excluded = new Set(this.options.excludeAccounts);
    return ids.filter(id => !excluded.has(id));
  }
}
