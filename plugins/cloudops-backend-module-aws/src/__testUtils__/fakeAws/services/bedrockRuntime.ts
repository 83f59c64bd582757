import { invalid } from '../AwsFault';
import { restJsonService } from '../protocols/restJson';

/** What a Converse request carries (the fields the fake reads). */
export interface FakeConverseRequest {
  modelId: string;
  messages: Array<{ role: string; content: Array<{ text?: string }> }>;
  system?: Array<{ text?: string }>;
  inferenceConfig?: { maxTokens?: number; temperature?: number };
}

/**
 * Amazon Bedrock Runtime (REST-JSON; the SDK speaks HTTP/2, which the fake
 * serves as h2c): Converse answered by `respond`, with token usage.
 */
export class FakeBedrockRuntime {
  readonly requests: FakeConverseRequest[] = [];
  /** Known model ids; others are a ValidationException, as on AWS. */
  readonly models = new Set<string>(['anthropic.claude-3-haiku-20240307-v1:0']);
  respond: (request: FakeConverseRequest) => string = () => '{}';

  readonly service = restJsonService({
    signingName: 'bedrock',
    iamPrefix: 'bedrock',
    routes: [
      {
        operation: 'Converse',
        method: 'POST',
        path: '/model/{modelId}/converse',
        handle: ({ labels, body }) => {
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
          if (
            !Array.isArray(request.messages) ||
            request.messages.length === 0
          ) {
            throw invalid('ValidationException', 'messages must not be empty');
          }
          this.requests.push(request);
          const text = this.respond(request);
          const inputTokens = JSON.stringify(body).length >> 2;
          const outputTokens = text.length >> 2;
          return {
            output: { message: { role: 'assistant', content: [{ text }] } },
            stopReason: 'end_turn',
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
