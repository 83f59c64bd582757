import type { RefinementCtx, z as Zod } from 'zod/v3';

/** What a remediation step is about: an incident or a savings opportunity. */
export interface SubjectInput {
  incidentId?: string;
  opportunityId?: string;
}

/** The two subject fields; use with {@link exactlyOneSubject}. */
export const subjectFields = (z: typeof Zod) => ({
  incidentId: z
    .string()
    .uuid()
    .optional()
    .describe('The incident the change remediates (or opportunityId)'),
  opportunityId: z
    .string()
    .uuid()
    .optional()
    .describe('The savings opportunity the change applies (or incidentId)'),
});

/** A zod refinement: exactly one of incidentId and opportunityId. */
export function exactlyOneSubject(input: SubjectInput, ctx: RefinementCtx) {
  if (!input.incidentId === !input.opportunityId) {
    ctx.addIssue({
      code: 'custom',
      path: [input.incidentId ? 'opportunityId' : 'incidentId'],
      message: input.incidentId
        ? 'give incidentId or opportunityId, not both'
        : 'give incidentId or opportunityId',
    });
  }
}

/** For messages: `incident <id>` or `opportunity <id>`. */
export function describeSubject(subject: SubjectInput): string {
  return subject.opportunityId
    ? `opportunity ${subject.opportunityId}`
    : `incident ${subject.incidentId}`;
}
