import { LoggerService } from '@backstage/backend-plugin-api';

/** The part of a `block_actions` payload that matters here. */
export interface BlockActions {
  type: string;
  user?: { id?: string; username?: string };
  team?: { id?: string };
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

/** An answer to a click: in the channel, or to the clicker only. */
export type SlackReply = (message: {
  response_type: 'in_channel' | 'ephemeral';
  text: string;
  blocks?: unknown[];
}) => Promise<void>;

/**
 * Answers the clicks of one payload at its `response_url` (as a new
 * message, not in place of the original). A failure is logged, not thrown:
 * what the click did stands either way.
 */
export function replyTo(payload: BlockActions, logger: LoggerService) {
  const reply: SlackReply = async message => {
    if (!payload.response_url) return;
    try {
      await fetch(payload.response_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ replace_original: false, ...message }),
      });
    } catch (error) {
      logger.warn(`Could not answer Slack at its response_url: ${error}`);
    }
  };
  return reply;
}
