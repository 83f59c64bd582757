import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * What the CloudOps engine asks an AI provider: one model call. The engine
 * has already done the analysis (a deterministic, evidence-backed ranking of
 * root-cause candidates) and written the prompt; the provider only sends it
 * to its model and hands back what came out.
 *
 * Everything in `system` and `input` is already redacted (secrets and
 * personal data replaced by `[REDACTED:…]`), and log lines and other
 * observed text are quoted as JSON string data inside `input`, never as
 * instructions. The answer is checked by the engine against
 * `responseSchema`; anything that does not fit is discarded and the
 * deterministic result stands, so a provider needs no validation of its own.
 *
 * @public
 */
export interface CloudopsAiRequest {
  /** What the call is for; `rca-narrative` is the only purpose today. */
  purpose: 'rca-narrative';
  /** The instructions (the system prompt). */
  system: string;
  /** The user message: the redacted analysis as JSON, with the task. */
  input: string;
  /**
   * JSON schema of the answer. A provider may pass it to the model as a
   * tool's input schema or a structured-output format (Bedrock Converse:
   * `toolConfig` with one tool and `toolChoice: {tool: …}`), or rely on the
   * instructions, which ask for that JSON.
   */
  responseSchema: Record<string, unknown>;
  /** Upper bound for the answer's length, in tokens. */
  maxOutputTokens: number;
}

/**
 * What a model call gave back.
 *
 * @public
 */
export interface CloudopsAiCompletion {
  /**
   * The answer as text: the JSON object the schema describes (a provider
   * using tool use returns the tool input serialized with JSON.stringify).
   */
  text: string;
  /** The model that answered, e.g. a Bedrock model or inference profile id. */
  modelId?: string;
  /** Tokens used, for cost accounting; 0 when the provider cannot tell. */
  usage: { inputTokens: number; outputTokens: number };
  /**
   * Set when the call succeeded but the model did not finish an answer
   * (Bedrock: cut off at the token limit, stopped by a guardrail or content
   * filter, no content): says why. The engine rejects the answer with this
   * reason and still counts the tokens.
   */
  unusable?: string;
}

/**
 * A model behind the CloudOps AI features (for example Amazon Bedrock's
 * Converse API in the AWS module). Implementations must:
 *
 * - make one model call per `complete` and honour `signal` (abort the
 *   request when it fires: the engine time-boxes every call);
 * - throw {@link CloudopsAiThrottledError} when the service throttles
 *   (Bedrock `ThrottlingException`, HTTP 429) so the engine retries with
 *   back-off within its time box; any other error ends the attempt;
 * - never act on the answer: the engine only ever uses it as text.
 *
 * @public
 */
export interface CloudopsAiProvider {
  /** A short name for logs, audit and the stored RCA, e.g. `bedrock`. */
  readonly id: string;
  complete(
    request: CloudopsAiRequest,
    options: { signal: AbortSignal },
  ): Promise<CloudopsAiCompletion>;
}

/**
 * Thrown by a provider when the model service throttled the call; the
 * engine retries it (with back-off) while its time box allows.
 *
 * @public
 */
export class CloudopsAiThrottledError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'CloudopsAiThrottledError';
  }
}

/**
 * Lets a module supply the AI provider that narrates root-cause analyses.
 * Without one, the engine writes a template narrative itself.
 *
 * @public
 */
export interface CloudopsAiProviderExtensionPoint {
  setProvider(provider: CloudopsAiProvider): void;
}

/** @public */
export const cloudopsAiProviderExtensionPoint =
  createExtensionPoint<CloudopsAiProviderExtensionPoint>({
    id: 'cloudops.ai-provider',
  });
