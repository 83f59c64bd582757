import { invalid } from '../AwsFault';
import { restJsonService } from '../protocols/restJson';

/** A content block of a Converse message (the kinds the fake reads and writes). */
export interface FakeContentBlock {
  text?: string;
  toolUse?: { toolUseId: string; name: string; input: unknown };
}

/** What a Converse request carries (the fields the fake reads). */
export interface FakeConverseRequest {
  modelId: string;
  messages: Array<{ role: string; content: FakeContentBlock[] }>;
  system?: Array<{ text?: string }>;
  inferenceConfig?: { maxTokens?: number; temperature?: number };
  toolConfig?: {
    tools: Array<{
      toolSpec?: {
        name: string;
        description?: string;
        inputSchema?: { json?: unknown };
      };
    }>;
    toolChoice?: { auto?: {}; any?: {}; tool?: { name: string } };
  };
}

/** A model's answer spelled out: its content blocks and why it stopped. */
export interface FakeConverseOutput {
  content: FakeContentBlock[];
  stopReason: string;
}

/**
 * What the scripted model says: text, or the full output. Text answering a
 * request that forces a tool (`toolChoice.tool`) and parsing as JSON comes
 * back as that tool's call, as a model obeying the forced tool answers.
 */
export type FakeModelAnswer = string | FakeConverseOutput;

function validate(request: FakeConverseRequest) {
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    throw invalid('ValidationException', 'messages must not be empty');
  }
  const maxTokens = request.inferenceConfig?.maxTokens;
  if (
    maxTokens !== undefined &&
    (!Number.isInteger(maxTokens) || maxTokens < 1)
  ) {
    throw invalid(
      'ValidationException',
      'inferenceConfig.maxTokens must be a positive integer',
    );
  }
  const tools = request.toolConfig?.tools;
  if (request.toolConfig && (!Array.isArray(tools) || tools.length === 0)) {
    throw invalid('ValidationException', 'toolConfig.tools must not be empty');
  }
  for (const tool of tools ?? []) {
    if (!tool.toolSpec?.name || !tool.toolSpec.inputSchema?.json) {
      throw invalid(
        'ValidationException',
        'every tool needs a toolSpec with a name and inputSchema.json',
      );
    }
  }
  const forced = request.toolConfig?.toolChoice?.tool?.name;
  if (forced && !tools!.some(t => t.toolSpec!.name === forced)) {
    throw invalid(
      'ValidationException',
      `toolChoice names a tool that is not in toolConfig.tools: ${forced}`,
    );
  }
}

function toOutput(
  answer: FakeModelAnswer,
  request: FakeConverseRequest,
  count: number,
): FakeConverseOutput {
  if (typeof answer !== 'string') return answer;
  const forced = request.toolConfig?.toolChoice?.tool?.name;
  if (forced) {
    try {
      const input = JSON.parse(answer);
      return {
        content: [
          { toolUse: { toolUseId: `tooluse_${count}`, name: forced, input } },
        ],
        stopReason: 'tool_use',
      };
    } catch {
      // Not JSON: the model answered in text after all.
    }
  }
  return { content: [{ text: answer }], stopReason: 'end_turn' };
}

/**
 * Amazon Bedrock Runtime (REST-JSON; the SDK speaks HTTP/2, which the fake
 * serves as h2c): Converse, validated as AWS does (known model, messages,
 * tools and a forced tool choice), answered by the scripted `respond` (which
 * may take its time), with token usage.
 */
export class FakeBedrockRuntime {
  readonly requests: FakeConverseRequest[] = [];
  /** Known model ids; others are a ValidationException, as on AWS. */
  readonly models = new Set<string>([
    'anthropic.claude-3-haiku-20240307-v1:0',
    'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
  ]);
  respond: (
    request: FakeConverseRequest,
  ) => FakeModelAnswer | Promise<FakeModelAnswer> = () => '{}';

  readonly service = restJsonService({
    signingName: 'bedrock',
    iamPrefix: 'bedrock',
    routes: [
      {
        operation: 'Converse',
        method: 'POST',
        path: '/model/{modelId}/converse',
        handle: async ({ labels, body }) => {
          if (!this.models.has(labels.modelId)) {
            throw invalid(
              'ValidationException',
              `The provided model identifier is invalid: ${labels.modelId}`,
            );
          }
          const request: FakeConverseRequest = {
            modelId: labels.modelId,
            ...body,
          };
          validate(request);
          this.requests.push(request);
          const output = toOutput(
            await this.respond(request),
            request,
            this.requests.length,
          );
          const inputTokens = JSON.stringify(body).length >> 2;
          const outputTokens = JSON.stringify(output.content).length >> 2;
          return {
            output: { message: { role: 'assistant', content: output.content } },
            stopReason: output.stopReason,
            usage: {
              inputTokens,
              outputTokens,
              totalTokens: inputTokens + outputTokens,
            },
            metrics: { latencyMs: 1 },
          };
        },
      },
    ],
  });
}
