import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { z as Zod } from 'zod/v3';
import { CloudopsApi } from '../CloudopsApi';
import { parseInput } from './parseInput';
import { pullRequestBody } from './pullRequestBody';

const inputSchema = (z: typeof Zod) =>
  z.object({ opportunityId: z.string().uuid() });

/**
 * `cloudops:opportunity:describe`: what a template needs from a savings
 * opportunity (its recommended change's parameters and a pull request
 * description from its evidence and risk), read as the run's user.
 */
export function createDescribeOpportunityAction(api: CloudopsApi) {
  return createTemplateAction({
    id: 'cloudops:opportunity:describe',
    description:
      "Reads a CloudOps savings opportunity: its title, entity, resource, the recommended change's parameters, and a pull request description built from its evidence and risk.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Describe the opportunity a template applies',
        example: `steps:
  - id: opportunity
    action: cloudops:opportunity:describe
    input:
      opportunityId: \${{ parameters.opportunityId }}
`,
      },
    ],
    schema: {
      input: inputSchema,
      output: z =>
        z.object({
          title: z.string(),
          state: z.string(),
          entityRef: z.string().optional(),
          resourceId: z.string(),
          parameters: z.record(z.unknown()),
          monthlySavings: z.number(),
          currency: z.string(),
          riskLevel: z.string(),
          pullRequestBody: z.string(),
        }),
    },
    async handler(ctx) {
      const input = parseInput(
        inputSchema,
        ctx.input,
        'cloudops:opportunity:describe',
      );
      const opportunity = await api.getOpportunity(
        await ctx.getInitiatorCredentials(),
        input.opportunityId,
      );
      ctx.output('title', opportunity.title);
      ctx.output('state', opportunity.state);
      if (opportunity.entityRef) ctx.output('entityRef', opportunity.entityRef);
      ctx.output('resourceId', opportunity.resource.id);
      ctx.output('parameters', opportunity.remediation.parameters);
      ctx.output('monthlySavings', opportunity.monthlySavings);
      ctx.output('currency', opportunity.currency);
      ctx.output('riskLevel', opportunity.risk.level);
      ctx.output('pullRequestBody', pullRequestBody(opportunity));
    },
  });
}
