import type { z as Zod } from 'zod/v3';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseInput } from './parseInput';
import { RemediationPolicyResult } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsApi, PolicyCheckRequest } from '../CloudopsApi';
import { exactlyOneSubject, subjectFields } from './subjectInput';

/** How the change a template makes gets its approvals. */
const APPROVAL_FLOWS = ['none', 'pull-request', 'remediation-request'] as const;

const inputSchema = (z: typeof Zod) =>
  z
    .object({
      ...subjectFields(z),
      executor: z
        .string()
        .min(1)
        .max(64)
        .optional()
        .describe('An installed executor'),
      ref: z.string().min(1).max(512).optional(),
      parameters: z.record(z.unknown()).optional(),
      plan: z
        .object({
          targets: z.array(z.string().min(1)).max(1000),
          costImpact: z.enum(['increase', 'neutral', 'decrease', 'unknown']),
          summary: z.string().max(2000).optional(),
        })
        .optional()
        .describe('What the run changes, when no executor plans it'),
      approval: z
        .object({
          required: z.boolean(),
          approvers: z.number().int().min(1).max(2).optional(),
        })
        .optional(),
      approvalFlow: z
        .enum(APPROVAL_FLOWS)
        .default('none')
        .describe(
          'How approvals are obtained: none (this run changes things), pull-request (reviewers approve), remediation-request (the API waits)',
        ),
    })
    .superRefine(exactlyOneSubject);

/**
 * Fails when the remediation policy forbids the change: read-only mode,
 * cost-safe mode, the blast-radius limit, a missing executor, or approvals
 * the change needs and will not get (`approvalFlow: none`, unless the
 * opportunity was approved in the savings ledger).
 */
export function policyVerdict(
  result: RemediationPolicyResult,
  approvalFlow: (typeof APPROVAL_FLOWS)[number],
  approvedInLedger: boolean,
): string | undefined {
  if (result.blockedBy) {
    return `Remediation policy forbids this change (${
      result.blockedBy
    }): ${result.reasons.join('; ')}`;
  }
  if (
    result.approvalsRequired > 0 &&
    approvalFlow === 'none' &&
    !approvedInLedger
  ) {
    return `This change needs ${
      result.approvalsRequired
    } approval(s) and none was given (${result.reasons.join(
      '; ',
    )}); approve the opportunity first or use a pull request or remediation request`;
  }
  return undefined;
}

/** `cloudops:policy:check`: fails the run when policy forbids what it is about to do. */
export function createCheckPolicyAction(api: CloudopsApi) {
  return createTemplateAction({
    id: 'cloudops:policy:check',
    description:
      'Asks the CloudOps remediation policy about the change this run will make (on an incident or a savings opportunity) and fails the run when read-only mode, cost-safe mode, the blast-radius limit or a missing approval forbids it. Records and runs nothing.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Before opening a right-sizing pull request',
        example: `steps:
  - id: policy
    action: cloudops:policy:check
    input:
      opportunityId: \${{ parameters.opportunityId }}
      plan:
        targets: [deployment/checkout]
        costImpact: decrease
        summary: Lower checkout requests to 250m / 512Mi
      approvalFlow: pull-request
`,
      },
      {
        description:
          "Before an SSM Automation that applies a savings opportunity (planned by the executor in the opportunity's account and region)",
        example: `steps:
  - id: policy
    action: cloudops:policy:check
    input:
      opportunityId: \${{ parameters.opportunityId }}
      executor: aws-ssm-automation
      ref: CloudOps-SnapshotAndDeleteVolume
      parameters:
        VolumeId: vol-0123456789abcdef0
      approval: { required: true }
      approvalFlow: remediation-request
`,
      },
      {
        description: 'Before an SSM Automation on an incident',
        example: `steps:
  - id: policy
    action: cloudops:policy:check
    input:
      incidentId: \${{ parameters.incidentId }}
      executor: aws-ssm-automation
      ref: CloudOps-RestartEC2Instance
      parameters:
        InstanceId: [i-0abc1234def567890]
      approvalFlow: remediation-request
`,
      },
    ],
    schema: {
      input: inputSchema,
      output: z =>
        z.object({
          approvalsRequired: z.number(),
          reasons: z.array(z.string()),
          environment: z.string().optional(),
          targets: z.array(z.string()),
          costImpact: z.string().optional(),
        }),
    },
    async handler(ctx) {
      const input = parseInput(inputSchema, ctx.input, 'cloudops:policy:check');
      const { approvalFlow, ...check } = input;
      const credentials = await ctx.getInitiatorCredentials();
      const result = await api.checkPolicy(
        credentials,
        check as PolicyCheckRequest,
      );
      const approvedInLedger = check.opportunityId
        ? (await api.getOpportunity(credentials, check.opportunityId)).state ===
          'approved'
        : false;
      ctx.output('approvalsRequired', result.approvalsRequired);
      ctx.output('reasons', result.reasons);
      if (result.environment) ctx.output('environment', result.environment);
      ctx.output('targets', result.targets);
      if (result.costImpact) ctx.output('costImpact', result.costImpact);
      const refusal = policyVerdict(result, approvalFlow, approvedInLedger);
      if (refusal) throw new Error(refusal);
      ctx.logger.info(
        `Policy allows the change; ${
          result.approvalsRequired
        } approval(s) needed${
          result.reasons.length ? `: ${result.reasons.join('; ')}` : ''
        }`,
      );
    },
  });
}
