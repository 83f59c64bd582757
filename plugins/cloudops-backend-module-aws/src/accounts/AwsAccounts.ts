import { AwsModuleOptions } from '../options';
import { shardOf, shardsOf } from './accountShards';
import { OrganizationsAccounts } from './OrganizationsAccounts';

/** An account to scan and its regions. */
export interface AwsAccount {
  accountId: string;
  regions: string[];
}

/**
 * The accounts to scan: those in configuration plus, when enabled, those
 * AWS Organizations lists (reused for `organizations.refreshInterval`), and
 * how they map to shards.
 */
export class AwsAccounts {
  private discovered?: { ids: string[]; at: number };
  private latest: AwsAccount[];

  constructor(
    private readonly options: Pick<
      AwsModuleOptions,
      'accounts' | 'regions' | 'accountsPerShard' | 'organizations'
    >,
    private readonly organizations?: OrganizationsAccounts,
  ) {
    this.latest = this.merge([]);
  }

  private merge(discovered: string[]): AwsAccount[] {
    const configured = new Map(
      this.options.accounts.map(a => [a.accountId, a.regions]),
    );
    const ids = [...new Set([...configured.keys(), ...discovered])].sort();
    return ids.map(accountId => ({
      accountId,
      regions: configured.get(accountId) ?? this.options.regions,
    }));
  }

  /**
   * Every account, discovering them again when the last listing is older
   * than the refresh interval. A failed discovery throws (and is recorded
   * as a failed listing); shards keep running from the last good listing.
   */
  async list(signal?: AbortSignal): Promise<AwsAccount[]> {
    const org = this.options.organizations;
    if (
      this.organizations &&
      org &&
      (!this.discovered || Date.now() - this.discovered.at >= org.refreshMs)
    ) {
      this.discovered = {
        ids: await this.organizations.list(signal),
        at: Date.now(),
      };
    }
    this.latest = this.merge(this.discovered?.ids ?? []);
    return this.latest;
  }

  async shards(signal?: AbortSignal): Promise<string[]> {
    const accounts = await this.list(signal);
    return shardsOf(
      accounts.map(a => a.accountId),
      this.options.accountsPerShard,
    );
  }

  /** The accounts of a shard, from the latest listing. */
  accountsOf(shard: string): AwsAccount[] {
    return this.latest.filter(
      a =>
        shardOf(
          a.accountId,
          this.options.accountsPerShard,
          this.latest.length,
        ) === shard,
    );
  }
}
