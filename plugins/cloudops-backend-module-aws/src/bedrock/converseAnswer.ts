import { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import { CloudopsAiCompletion } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** Why an answer that stopped so cannot be used; undefined when it can. */
function stopProblem(
  stopReason: string | undefined,
  maxTokens: number,
): string | undefined {
  switch (stopReason) {
    case 'max_tokens':
      return `the model was cut off at the token limit (${maxTokens} tokens)`;
    case 'model_context_window_exceeded':
      return 'the prompt and answer exceed the model’s context window';
    case 'guardrail_intervened':
      return 'a Bedrock guardrail stopped the answer';
    case 'content_filtered':
      return 'the content filter stopped the answer';
    case 'malformed_model_output':
    case 'malformed_tool_use':
      return `the model’s output was malformed (${stopReason})`;
    default:
      // end_turn, tool_use, stop_sequence, and reasons newer than this
      // code: the engine's schema check judges the answer.
      return undefined;
  }
}

/**
 * What a Converse answer gives the engine: the named tool's input as JSON
 * when the model called it, else the text of its content; the token usage;
 * and why the answer cannot be used when the model did not finish one.
 */
export function readConverseAnswer(
  output: ConverseCommandOutput,
  expected: { modelId: string; toolName: string; maxTokens: number },
): CloudopsAiCompletion {
  const content = output.output?.message?.content ?? [];
  const tool = content.find(
    block => block.toolUse?.name === expected.toolName,
  )?.toolUse;
  const text = tool
    ? JSON.stringify(tool.input ?? null)
    : content
        .map(block => block.text ?? '')
        .join('')
        .trim();
  const unusable =
    stopProblem(output.stopReason, expected.maxTokens) ??
    (text ? undefined : 'the model returned no content');
  return {
    text,
    modelId: expected.modelId,
    usage: {
      inputTokens: output.usage?.inputTokens ?? 0,
      outputTokens: output.usage?.outputTokens ?? 0,
    },
    ...(unusable ? { unusable } : {}),
  };
}
