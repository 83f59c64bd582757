import { LoggerService } from '@backstage/backend-plugin-api';

/** The part of a `block_actions` payload that matters here. */
export interface BlockActions {
  type: string;
  /** The member who clicked; `team_id` is their own workspace or organisation. */
  user?: { id?: string; username?: string; team_id?: string };
  /** The workspace the click came from, and its Enterprise Grid organisation. */
  team?: { id?: string; enterprise_id?: string } | null;
  enterprise?: { id?: string } | null;
  response_url?: string;
  actions?: Array<{ action_id?: string; value?: string }>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The `payload` form field of an interaction as {@link BlockActions}, or
 * undefined when it is not JSON, not an object, or its `actions` is not a
 * list of objects.
 */
export function parseBlockActions(
  field: string | null,
): BlockActions | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(field ?? '');
  } catch {
    return undefined;
  }
  if (!isObject(payload)) return undefined;
  const { actions } = payload;
  if (
    actions !== undefined &&
    !(Array.isArray(actions) && actions.every(isObject))
  ) {
    return undefined;
  }
  return payload as unknown as BlockActions;
}

/**
 * An answer to a click: in the channel, or to the clicker only. Resolves to
 * why Slack did not take it, or undefined when it did.
 */
export type SlackReply = (message: {
  response_type: 'in_channel' | 'ephemeral';
  text: string;
  blocks?: unknown[];
}) => Promise<string | undefined>;

/** How long Slack may take to take an answer. */
export const REPLY_TIMEOUT_MS = 10_000;

/**
 * Answers the clicks of one payload at its `response_url` (as a new
 * message, not in place of the original), within `timeoutMs`. A failure
 * (no answer in time, or one Slack refused) is logged and returned, not
 * thrown.
 */
export function replyTo(
  payload: BlockActions,
  logger: LoggerService,
  timeoutMs = REPLY_TIMEOUT_MS,
) {
  const reply: SlackReply = async message => {
    if (!payload.response_url) return 'the click has no response_url';
    let failure: string | undefined;
    try {
      const response = await fetch(payload.response_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ replace_original: false, ...message }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        failure = `HTTP ${response.status} ${(await response.text()).slice(
          0,
          200,
        )}`;
      }
    } catch (error) {
      failure = String(error);
    }
    if (failure) {
      logger.warn(`Could not answer Slack at its response_url: ${failure}`);
    }
    return failure;
  };
  return reply;
}
