import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RcaAiReport,
  RcaCandidate,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsAiCompletion,
  CloudopsAiProvider,
  CloudopsAiThrottledError,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { applyAiRanking, parseAiAnswer } from './aiAnswer';
import { buildAiRequest, NarrationInput } from './aiPrompt';

/** How the narrator uses the provider (from `cloudops.ai.*`). */
export interface AiNarratorOptions {
  /** The whole call, retries included, must end within this. */
  timeoutMs: number;
  /** Attempts when the provider is throttled. */
  maxAttempts: number;
  maxOutputTokens: number;
  /** First back-off after throttling; doubled each time. */
  backoffMs: number;
}

/** What the narrator made of an RCA. */
export interface Narration {
  /** Present when the model's answer was accepted. */
  summary?: string;
  /** The candidates, in the model's order when it re-ordered them. */
  ranking: RcaCandidate[];
  report: RcaAiReport;
}

class TimeoutError extends Error {}

function isThrottling(error: unknown): boolean {
  const e = error as {
    name?: string;
    $metadata?: { httpStatusCode?: number };
  };
  return (
    error instanceof CloudopsAiThrottledError ||
    e?.name === 'ThrottlingException' ||
    e?.$metadata?.httpStatusCode === 429
  );
}

/**
 * Asks the AI provider to narrate an RCA, safely: the request is redacted
 * and quotes observed text as data; the call is time-boxed and retried on
 * throttling; the answer must be JSON that fits the schema and may only
 * re-order candidates that have evidence. Anything else is discarded (the
 * deterministic result stands) and said why in the report. Token usage of
 * every attempt is counted. The answer is only ever used as text.
 */
export class AiNarrator {
  constructor(
    private readonly provider: CloudopsAiProvider,
    private readonly options: AiNarratorOptions,
    private readonly logger: LoggerService,
  ) {}

  async narrate(
    input: NarrationInput,
    candidates: RcaCandidate[],
  ): Promise<Narration> {
    const { request } = buildAiRequest(input, this.options.maxOutputTokens);
    const report: RcaAiReport = {
      provider: this.provider.id,
      outcome: 'failed',
      attempts: 0,
      inputTokens: 0,
      outputTokens: 0,
      reordered: false,
    };
    const controller = new AbortController();
    const deadline = Date.now() + this.options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new TimeoutError());
      }, this.options.timeoutMs);
    });
    let completion: CloudopsAiCompletion;
    try {
      completion = await Promise.race([
        this.attempt(request, controller.signal, report, deadline),
        timeout,
      ]);
    } catch (error) {
      report.outcome = error instanceof TimeoutError ? 'timeout' : 'failed';
      report.reason =
        error instanceof TimeoutError
          ? `no answer within ${this.options.timeoutMs} ms`
          : String((error as Error)?.message ?? error);
      return this.discard(candidates, report);
    } finally {
      clearTimeout(timer);
    }
    try {
      if (completion.unusable) {
        throw new Error(`the answer is unusable: ${completion.unusable}`);
      }
      const answer = parseAiAnswer(completion.text, candidates);
      const ranking = applyAiRanking(candidates, answer.ranking);
      report.outcome = 'accepted';
      report.reordered = ranking.some(
        (c, i) => c.service !== candidates[i].service,
      );
      return { summary: answer.summary, ranking, report };
    } catch (error) {
      report.outcome = 'rejected';
      report.reason = (error as Error).message;
      return this.discard(candidates, report);
    }
  }

  private discard(candidates: RcaCandidate[], report: RcaAiReport): Narration {
    this.logger.warn(
      `AI narrative from ${this.provider.id} discarded (${report.outcome}): ${report.reason}`,
    );
    return { ranking: candidates, report };
  }

  /** Calls the provider, retrying throttled calls with back-off until the deadline. */
  private async attempt(
    request: Parameters<CloudopsAiProvider['complete']>[0],
    signal: AbortSignal,
    report: RcaAiReport,
    deadline: number,
  ): Promise<CloudopsAiCompletion> {
    for (let attempt = 1; ; attempt++) {
      report.attempts = attempt;
      try {
        const completion = await this.provider.complete(request, { signal });
        report.inputTokens += completion.usage?.inputTokens ?? 0;
        report.outputTokens += completion.usage?.outputTokens ?? 0;
        report.model = completion.modelId;
        return completion;
      } catch (error) {
        const wait = this.options.backoffMs * 2 ** (attempt - 1);
        if (
          !isThrottling(error) ||
          attempt >= this.options.maxAttempts ||
          Date.now() + wait >= deadline ||
          signal.aborted
        ) {
          throw error;
        }
        await new Promise(resolve => setTimeout(resolve, wait));
      }
    }
  }
}
