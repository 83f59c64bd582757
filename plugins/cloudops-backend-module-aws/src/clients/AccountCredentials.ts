import { AwsCredentialIdentity } from '@aws-sdk/types';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';

/** Credentials are renewed this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * Credentials per account from Backstage's AWS credentials manager (assumed
 * roles for `aws.accounts` and `aws.accountDefaults.roleName`), shared by
 * every client of the account so that one AssumeRole serves all its regions
 * and services, renewed before they expire, and dropped when AWS says they
 * have expired early.
 */
export class AccountCredentials {
  private readonly cache = new Map<string, Promise<AwsCredentialIdentity>>();

  constructor(private readonly manager: AwsCredentialsManager) {}

  /** `account` undefined: the main account's credentials. */
  get(account: string | undefined): Promise<AwsCredentialIdentity> {
    const key = account ?? 'main';
    const cached = this.cache.get(key);
    if (cached) {
      return cached.then(identity =>
        identity.expiration &&
        identity.expiration.getTime() - Date.now() < REFRESH_MARGIN_MS
          ? this.load(account, key)
          : identity,
      );
    }
    return this.load(account, key);
  }

  invalidate(account: string | undefined) {
    this.cache.delete(account ?? 'main');
  }

  private load(account: string | undefined, key: string) {
    const loading = this.manager
      .getCredentialProvider(account ? { accountId: account } : undefined)
      .then(provider => provider.sdkCredentialProvider());
    this.cache.set(key, loading);
    // A failure is not kept: the next call tries again.
    loading.catch(() => {
      if (this.cache.get(key) === loading) this.cache.delete(key);
    });
    return loading;
  }
}
