import { RcaCandidate } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { z } from 'zod/v3';
import { hasEvidence } from '../rca/hasEvidence';

/** What the model must answer: a narrative and, optionally, an order. */
export const aiAnswerSchema = z
  .object({
    summary: z.string().trim().min(1).max(2000),
    ranking: z.array(z.string().min(1)).max(50).optional(),
  })
  .strict();

export type AiAnswer = z.infer<typeof aiAnswerSchema>;

/** The same, as the JSON schema handed to the provider. */
export const AI_ANSWER_JSON_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['summary'],
  properties: {
    summary: {
      type: 'string',
      maxLength: 2000,
      description:
        'Two to five sentences for the on-call engineer: the most likely root cause, the evidence for it, what to check first.',
    },
    ranking: {
      type: 'array',
      maxItems: 50,
      items: { type: 'string' },
      description:
        'Optional: candidate services, most likely first, chosen only among the candidates that have evidence.',
    },
  },
};

/**
 * Reads the model's text: one JSON object (optionally in a ```json fence)
 * that fits the schema, whose ranking (if any) names only candidates with
 * evidence, each once. Throws an Error saying what is wrong otherwise.
 */
export function parseAiAnswer(
  text: string,
  candidates: RcaCandidate[],
): AiAnswer {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  let data: unknown;
  try {
    data = JSON.parse(fenced ? fenced[1] : text);
  } catch {
    throw new Error('the answer is not a JSON object');
  }
  const parsed = aiAnswerSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(
      `the answer does not fit the schema: ${parsed.error.issues
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const evidenced = new Set(candidates.filter(hasEvidence).map(c => c.service));
  const ranking = parsed.data.ranking ?? [];
  const unsupported = ranking.filter(s => !evidenced.has(s));
  if (unsupported.length) {
    throw new Error(
      `the ranking names services without evidence or unknown: ${unsupported.join(
        ', ',
      )}`,
    );
  }
  if (new Set(ranking).size !== ranking.length) {
    throw new Error('the ranking names a service twice');
  }
  return parsed.data;
}

/**
 * The candidates in the model's order: the ones it ranked first (all have
 * evidence), then the other candidates with evidence, then those without,
 * each group otherwise in the engine's order.
 */
export function applyAiRanking(
  candidates: RcaCandidate[],
  ranking: string[] | undefined,
): RcaCandidate[] {
  if (!ranking?.length) return candidates;
  const byService = new Map(candidates.map(c => [c.service, c]));
  const first = ranking.map(s => byService.get(s)!);
  const rest = candidates.filter(c => !ranking.includes(c.service));
  return [
    ...first,
    ...rest.filter(hasEvidence),
    ...rest.filter(c => !hasEvidence(c)),
  ];
}
