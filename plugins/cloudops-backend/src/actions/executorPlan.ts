import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { CloudopsRemediationExecutor } from '@cloudops-ai/backstage-plugin-cloudops-node';

/**
 * Whether an executor refused the request's input (an `InputError`, e.g. a
 * parameter its document does not declare, named in the message): the
 * requester's to see and fix, and no retry changes it. By name, as the
 * executor's module may have its own copy of `@backstage/errors`.
 */
export function isInputRefusal(error: unknown): error is Error {
  return isError(error) && error.name === 'InputError';
}

/**
 * Plans a person's request before it is stored, so input the executor
 * refuses is the requester's 400 at once rather than a request that fails
 * later. Returns the refusal. Anything else that stops the plan (the cloud
 * slow or down, a refusal with accounts and roles in it) is logged, and
 * the request is stored: its plan step meets it again (and retries what
 * may pass).
 */
export async function inputRefusalOf(
  executor: CloudopsRemediationExecutor,
  run: Parameters<CloudopsRemediationExecutor['plan']>[0],
  logger: LoggerService,
): Promise<Error | undefined> {
  try {
    await executor.plan(run);
    return undefined;
  } catch (error) {
    if (isInputRefusal(error)) return error;
    logger.warn(
      `The ${executor.id} executor could not plan ${run.ref} before request ${run.requestId} was stored (its plan step tries again): ${error}`,
    );
    return undefined;
  }
}
