import { DocumentDescription } from '@aws-sdk/client-ssm';
import {
  DeliveryError,
  RemediationPlan,
  RemediationRun,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsCallError, AwsTarget } from '../clients/AwsClients';

/** The key of a plan's pin that holds the document version planned. */
const DOCUMENT_VERSION = 'documentVersion';

/**
 * The key of a plan's pin that holds the content hash of that version
 * (DescribeDocument's `Hash`): a document deleted and created again starts
 * again at version 1, so the version alone does not say what it does.
 */
const DOCUMENT_HASH = 'documentHash';

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

/** The pin of a plan: the version of the document described, and its hash. */
export function pinOf(
  document: DocumentDescription,
): Pick<RemediationPlan, 'pin'> {
  if (!document.DocumentVersion) return {};
  return {
    pin: {
      [DOCUMENT_VERSION]: document.DocumentVersion,
      ...(document.Hash && { [DOCUMENT_HASH]: document.Hash }),
    },
  };
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
 * A permanent failure saying the pinned version is not what was approved:
 * it `what` (no longer exists, has other content), and how that shows.
 */
function changedSinceApproval(
  document: string,
  version: string,
  target: AwsTarget,
  what: string,
  how: string,
): DeliveryError {
  return new DeliveryError(
    `SSM document ${document} version ${version}, the version planned and approved, ${what} in ${target.account} ${target.region}: the document changed since this remediation was approved, so nothing was run; request it again to plan the current version (${how})`,
    { retryable: false },
  );
}

/**
 * The failure of a call for a pinned version that no longer exists, as a
 * permanent failure that says the document changed since it was approved
 * (and SSM's error code); undefined for any other failure.
 */
export function pinnedVersionGone(
  error: unknown,
  document: string,
  version: string | undefined,
): DeliveryError | undefined {
  if (!version || !(error instanceof AwsCallError)) return undefined;
  const code = (error.cause as Error)?.name ?? '';
  if (!DOCUMENT_GONE.has(code)) return undefined;
  return changedSinceApproval(
    document,
    version,
    error.target,
    'no longer exists',
    code,
  );
}

/**
 * Fails, as {@link pinnedVersionGone} does, a run whose pinned version now
 * has other content than when it was planned (the document was deleted and
 * created again). A pin stored without a hash (before hashes were pinned)
 * is checked by its version only.
 */
export function checkPinnedContent(
  run: Pick<RemediationRun, 'pinned' | 'ref'>,
  document: DocumentDescription,
  target: AwsTarget,
): void {
  const hash = run.pinned?.[DOCUMENT_HASH];
  const version = pinnedVersionOf(run);
  if (!hash || !version || document.Hash === hash) return;
  throw changedSinceApproval(
    run.ref,
    version,
    target,
    'has other content now',
    `its ${document.HashType ?? 'content'} hash is not the one approved`,
  );
}
