import { DocumentDescription } from '@aws-sdk/client-ssm';
import {
  DeliveryError,
  RemediationPlan,
  RemediationRun,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsCallError } from '../clients/AwsClients';
import { describeAwsError } from '../clients/awsErrors';

/** The key of a plan's pin that holds the document version planned. */
const DOCUMENT_VERSION = 'documentVersion';

/**
 * What SSM answers when a document, or the version asked for, is gone: from
 * DescribeDocument and from StartAutomationExecution.
 */
export const DOCUMENT_GONE: ReadonlySet<string> = new Set([
  'InvalidDocument',
  'InvalidDocumentVersion',
  'AutomationDefinitionNotFoundException',
  'AutomationDefinitionVersionNotFoundException',
]);

/** The pin of a plan: the version of the document described. */
export function pinOf(
  document: DocumentDescription,
): Pick<RemediationPlan, 'pin'> {
  return document.DocumentVersion
    ? { pin: { [DOCUMENT_VERSION]: document.DocumentVersion } }
    : {};
}

/**
 * The document version a run must use: the one its plan pinned; undefined
 * for a request planned without a pin (it runs the default version).
 */
export function pinnedVersionOf(
  run: Pick<RemediationRun, 'pinned'>,
): string | undefined {
  return run.pinned?.[DOCUMENT_VERSION];
}

/**
 * The failure of a call for a pinned version that no longer exists, as a
 * permanent failure that says the document changed since it was approved;
 * undefined for any other failure.
 */
export function pinnedVersionGone(
  error: unknown,
  document: string,
  version: string | undefined,
): DeliveryError | undefined {
  if (!version || !(error instanceof AwsCallError)) return undefined;
  if (!DOCUMENT_GONE.has((error.cause as Error)?.name ?? '')) return undefined;
  const { account, region } = error.target;
  return new DeliveryError(
    `SSM document ${document} version ${version}, the version planned and approved, no longer exists in ${account} ${region}: the document changed since this remediation was approved, so nothing was run; request it again to plan the current version (${describeAwsError(
      error.cause,
    )})`,
    { retryable: false },
  );
}
