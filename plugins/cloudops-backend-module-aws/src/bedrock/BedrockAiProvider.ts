import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import {
  CloudopsAiCompletion,
  CloudopsAiProvider,
  CloudopsAiRequest,
  CloudopsAiThrottledError,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { isThrottlingError } from '@smithy/core/retry';
import { AccountCredentials } from '../clients/AccountCredentials';
import { describeAwsError, isExpiredCredentials } from '../clients/awsErrors';
import { BedrockOptions } from '../options';
import { readConverseAnswer } from './converseAnswer';

/** The tool the model is made to call with its answer (`output: tool`). */
const ANSWER_TOOL = 'record_answer';

/** Bedrock's ways of saying "not now, try again shortly". */
const TRY_AGAIN = new Set([
  'ThrottlingException',
  'ModelNotReadyException',
  'ServiceUnavailableException',
]);

function isTryAgain(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? '';
  return TRY_AGAIN.has(name) || isThrottlingError(error as any);
}

/**
 * Amazon Bedrock as the CloudOps AI provider, through the Converse API: one
 * call per request with the engine's (already redacted) system prompt and
 * data, the answer's JSON schema as a tool the model must call (or, with
 * `output: text`, the instructions alone), the engine's token limit and
 * abort signal. The credentials are the module's, of the configured
 * account.
 *
 * The SDK makes a single attempt (`maxAttempts: 1`): throttling is thrown
 * as {@link CloudopsAiThrottledError}, and the engine retries it with
 * back-off within its time box (`cloudops.ai.timeout`), so every attempt is
 * counted and none outlives the box.
 */
export class BedrockAiProvider implements CloudopsAiProvider {
  readonly id = 'bedrock';
  private client?: BedrockRuntimeClient;

  constructor(
    private readonly options: BedrockOptions,
    private readonly credentials: AccountCredentials,
  ) {}

  private converse(): BedrockRuntimeClient {
    this.client ??= new BedrockRuntimeClient({
      region: this.options.region,
      credentials: () => this.credentials.get(this.options.accountId),
      maxAttempts: 1,
      customUserAgent: 'backstage-cloudops',
    });
    return this.client;
  }

  async complete(
    request: CloudopsAiRequest,
    { signal }: { signal: AbortSignal },
  ): Promise<CloudopsAiCompletion> {
    const { modelId, output, temperature } = this.options;
    const input: ConverseCommandInput = {
      modelId,
      system: [{ text: request.system }],
      messages: [{ role: 'user', content: [{ text: request.input }] }],
      inferenceConfig: { maxTokens: request.maxOutputTokens, temperature },
      ...(output === 'tool'
        ? {
            toolConfig: {
              tools: [
                {
                  toolSpec: {
                    name: ANSWER_TOOL,
                    description:
                      'Records your answer. Call it exactly once with the JSON object the instructions ask for.',
                    inputSchema: { json: request.responseSchema as any },
                  },
                },
              ],
              toolChoice: { tool: { name: ANSWER_TOOL } },
            },
          }
        : {}),
    };
    try {
      const answer = await this.converse().send(new ConverseCommand(input), {
        abortSignal: signal,
      });
      return readConverseAnswer(answer, {
        modelId,
        toolName: ANSWER_TOOL,
        maxTokens: request.maxOutputTokens,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      if (isExpiredCredentials(error)) {
        // The session ended early: the next call assumes the role again.
        this.credentials.invalidate(this.options.accountId);
        this.destroy();
      }
      const message = `Bedrock ${modelId} in ${
        this.options.region
      }: ${describeAwsError(error)}`;
      throw isTryAgain(error)
        ? new CloudopsAiThrottledError(message, error)
        : new Error(message, { cause: error });
    }
  }

  destroy() {
    this.client?.destroy();
    this.client = undefined;
  }
}
