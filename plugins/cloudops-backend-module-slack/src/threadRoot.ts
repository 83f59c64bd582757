import {
  ActionDeliveryRequest,
  CloudopsActionsEngine,
} from '@cloudops-ai/backstage-plugin-cloudops-node';

/**
 * What the delivery that opens a thread keeps besides the message's
 * channel and ts (later deliveries get it as their `thread`): the approval
 * request it asked for, when it was one.
 */
export function threadRootResult(
  request: ActionDeliveryRequest,
): Record<string, unknown> {
  return request.event === 'approval-requested' && request.remediation
    ? { approvalRequestId: request.remediation.id }
    : {};
}

/**
 * What the thread's first message shows when a later delivery updates it:
 * the incident as it is now, and, when the first message asked for an
 * approval that is still pending, that request with its Approve and Reject
 * buttons (taken from the delivery when it is about the same request, else
 * read from the engine).
 */
export async function threadRootRequest(
  request: ActionDeliveryRequest,
  engine: CloudopsActionsEngine | undefined,
): Promise<ActionDeliveryRequest> {
  const id = request.thread.approvalRequestId;
  let asked;
  if (typeof id === 'string') {
    asked =
      request.remediation?.id === id
        ? request.remediation
        : await engine?.getRemediation(id);
  }
  return asked?.state === 'awaiting-approval'
    ? { ...request, event: 'approval-requested', remediation: asked }
    : { ...request, event: 'opened', remediation: undefined };
}
