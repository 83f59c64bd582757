import {
  RcaCase,
  RCA_SERIES_KINDS,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { z } from 'zod/v3';

const name = z.string().min(1, 'must not be empty');
const unixSeconds = z.number().finite();

const seriesSchema = z
  .object({
    service: name,
    metric: name,
    kind: z.enum(RCA_SERIES_KINDS),
    unit: z.string().optional(),
    timestamps: z.array(unixSeconds),
    values: z.array(z.number().finite().nullable()),
  })
  .superRefine((series, ctx) => {
    if (series.timestamps.length !== series.values.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['values'],
        message: `must have as many entries as timestamps (${series.values.length} values, ${series.timestamps.length} timestamps)`,
      });
    }
    const i = series.timestamps.findIndex(
      (t, k) => k > 0 && t < series.timestamps[k - 1],
    );
    if (i > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['timestamps', i],
        message: `must be ascending (${series.timestamps[i]} comes after ${
          series.timestamps[i - 1]
        })`,
      });
    }
  });

const caseSchema = z.object({
  id: name,
  faultTime: unixSeconds,
  symptom: z
    .object({ service: name, kind: z.enum(RCA_SERIES_KINDS).optional() })
    .optional(),
  services: z.array(name).optional(),
  graph: z.array(z.tuple([name, name])).optional(),
  series: z.array(seriesSchema),
});

/** `series[3].timestamps[17]`. */
function formatPath(path: Array<string | number>): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${part}` : part;
  }
  return text;
}

/** A case that does not follow the format: which field, and why. */
export class RcaCaseError extends Error {
  constructor(readonly problems: Array<{ field: string; message: string }>) {
    super(problems.map(p => `${p.field}: ${p.message}`).join('; '));
    this.name = 'RcaCaseError';
  }
}

/**
 * Checks a parsed JSON document against the RCA case format and returns it
 * as a case, or throws an {@link RcaCaseError} naming each bad field
 * (`series[3].kind: …`). Fields the format does not name are ignored and
 * left out of the case, `changes` among them: those are for live incidents,
 * whose cases the backend builds itself.
 */
export function parseRcaCase(data: unknown): RcaCase {
  const result = caseSchema.safeParse(data);
  if (!result.success) {
    throw new RcaCaseError(
      result.error.issues.slice(0, 10).map(issue => ({
        field: formatPath(issue.path) || '(root)',
        message: issue.message,
      })),
    );
  }
  return result.data as RcaCase;
}
