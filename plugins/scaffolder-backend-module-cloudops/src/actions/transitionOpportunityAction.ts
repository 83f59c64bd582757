import type { z as Zod } from 'zod/v3';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseInput } from './parseInput';
import { OPPORTUNITY_STATES } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsApi } from '../CloudopsApi';

const inputSchema = (z: typeof Zod) =>
  z.object({
    opportunityId: z.string().uuid(),
    to: z.enum(OPPORTUNITY_STATES),
    note: z.string().max(20_000).optional(),
    pullRequestUrl: z.string().url().max(1024).optional(),
  });

/**
 * `cloudops:opportunity:transition`: moves a savings opportunity through
 * the ledger (a pull request opened, approved, rejected, …) as the run's
 * user, so the ledger knows what the template did.
 */
export function createTransitionOpportunityAction(api: CloudopsApi) {
  return createTemplateAction({
    id: 'cloudops:opportunity:transition',
    description:
      'Moves a CloudOps savings opportunity to another ledger state (pr_opened needs the pull request URL), as the user who ran the template.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Record the right-sizing pull request in the savings ledger',
        example: `steps:
  - id: ledger
    action: cloudops:opportunity:transition
    input:
      opportunityId: \${{ parameters.opportunityId }}
      to: pr_opened
      pullRequestUrl: \${{ steps.pr.output.remoteUrl }}
      note: Requests lowered to the p95 of 14 days
`,
      },
      {
        description: 'Mark an opportunity applied by an automation as merged',
        example: `steps:
  - id: ledger
    action: cloudops:opportunity:transition
    input:
      opportunityId: 0b7c6f8e-2a53-4d4e-9b1a-5f0c2d7e8a91
      to: merged
      note: Volume snapshotted and deleted by SSM
`,
      },
    ],
    schema: {
      input: inputSchema,
      output: z =>
        z.object({
          state: z.string(),
        }),
    },
    async handler(ctx) {
      const input = parseInput(
        inputSchema,
        ctx.input,
        'cloudops:opportunity:transition',
      );
      const { opportunityId, ...transition } = input;
      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.isDryRun) {
        const opportunity = await api.getOpportunity(
          credentials,
          opportunityId,
        );
        ctx.logger.info(
          `Dry run: would move opportunity ${opportunity.id} from ${opportunity.state} to ${transition.to}`,
        );
        ctx.output('state', transition.to);
        return;
      }
      const opportunity = await api.transitionOpportunity(
        credentials,
        opportunityId,
        transition,
      );
      ctx.logger.info(`Opportunity ${opportunity.id} is ${opportunity.state}`);
      ctx.output('state', opportunity.state);
    },
  });
}
