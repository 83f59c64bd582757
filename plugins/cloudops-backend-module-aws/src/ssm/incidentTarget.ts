import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CLOUDOPS_ANNOTATIONS,
  Incident,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { DeliveryError } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** The account and region a remediation of an incident runs in. */
export interface IncidentAwsTarget {
  account: string;
  region: string;
}

/**
 * Finds where an incident lives in AWS: its account (from the signal, or
 * its entity's `cloudops.ai/aws-account-id`), and its region (the incident's
 * `region` label, else its entity's `cloudops.ai/aws-region`, else the
 * account's first configured region).
 */
export class IncidentTargets {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      /** The configured regions of an account. */
      regionsOf(account: string): string[];
    },
  ) {}

  async resolve(incident: Incident): Promise<IncidentAwsTarget> {
    const annotations = incident.entityRef
      ? (
          await this.deps.catalog.getEntityByRef(incident.entityRef, {
            credentials: await this.deps.auth.getOwnServiceCredentials(),
          })
        )?.metadata.annotations ?? {}
      : {};
    const account =
      incident.account ?? annotations[CLOUDOPS_ANNOTATIONS.awsAccountId];
    if (!account || !/^\d{12}$/.test(account)) {
      throw new DeliveryError(
        `Incident ${incident.id} names no AWS account${
          account ? ` (got "${account}")` : ''
        }: give its entity ${incident.entityRef ?? '(none)'} the annotation ${
          CLOUDOPS_ANNOTATIONS.awsAccountId
        }`,
        { retryable: false },
      );
    }
    const region =
      incident.labels.region ??
      annotations[CLOUDOPS_ANNOTATIONS.awsRegion] ??
      this.deps.regionsOf(account)[0];
    return { account, region };
  }
}
