import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CLOUDOPS_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  DeliveryError,
  RemediationRun,
} from '@cloudops-ai/backstage-plugin-cloudops-node';

/** The account and region a remediation runs in. */
export interface RemediationAwsTarget {
  account: string;
  region: string;
}

/**
 * Finds where a remediation runs in AWS from the run's scope (its incident's
 * or savings opportunity's): the account (the scope's, else its entity's
 * `cloudops.ai/aws-account-id`), and the region (the scope's — an
 * incident's `region` label, an opportunity's resource region — else its
 * entity's `cloudops.ai/aws-region`, else the account's first configured
 * region). The account must be one CloudOps works in: an incident's account
 * comes from its signals, which a sender may set to anything.
 */
export class RemediationTargets {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      /**
       * An account CloudOps works in (configured, or listed by the
       * organization and not excluded) and its regions; undefined for any
       * other.
       */
      accountOf(account: string): Promise<{ regions: string[] } | undefined>;
    },
  ) {}

  async resolve(
    run: Pick<RemediationRun, 'scope' | 'incident' | 'opportunity'>,
  ): Promise<RemediationAwsTarget> {
    const { scope } = run;
    const annotations = scope.entityRef
      ? (
          await this.deps.catalog.getEntityByRef(scope.entityRef, {
            credentials: await this.deps.auth.getOwnServiceCredentials(),
          })
        )?.metadata.annotations ?? {}
      : {};
    const account =
      scope.account ?? annotations[CLOUDOPS_ANNOTATIONS.awsAccountId];
    if (!account || !/^\d{12}$/.test(account)) {
      const subject = run.opportunity
        ? `Savings opportunity ${run.opportunity.id}`
        : `Incident ${run.incident?.id ?? '(none)'}`;
      throw new DeliveryError(
        `${subject} names no AWS account${
          account ? ` (got "${account}")` : ''
        }: give its entity ${scope.entityRef ?? '(none)'} the annotation ${
          CLOUDOPS_ANNOTATIONS.awsAccountId
        }`,
        { retryable: false },
      );
    }
    const known = await this.deps.accountOf(account);
    if (!known) {
      throw new DeliveryError(
        `AWS account ${account} is not one CloudOps works in (cloudops.aws.accounts, or the organization's accounts less organizations.excludeAccounts)`,
        { retryable: false },
      );
    }
    const region =
      scope.region ??
      annotations[CLOUDOPS_ANNOTATIONS.awsRegion] ??
      known.regions[0];
    return { account, region };
  }
}
