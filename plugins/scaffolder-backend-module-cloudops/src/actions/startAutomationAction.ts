import type { z as Zod } from 'zod/v3';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseInput } from './parseInput';
import { RemediationState } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { CloudopsApi } from '../CloudopsApi';
import { policyVerdict } from './checkPolicyAction';
import {
  describeSubject,
  exactlyOneSubject,
  subjectFields,
} from './subjectInput';

const inputSchema = (z: typeof Zod) =>
  z
    .object({
      ...subjectFields(z),
      documentName: z
        .string()
        .regex(/^[a-zA-Z0-9_.:/-]{3,128}$/, 'an SSM document name or ARN')
        .describe('The SSM Automation document'),
      parameters: z
        .record(z.union([z.string(), z.array(z.string())]))
        .default({})
        .describe("The document's parameters"),
      approval: z
        .object({
          required: z.boolean(),
          approvers: z.number().int().min(1).max(2).optional(),
        })
        .optional()
        .describe('Raises (never lowers) the approvals policy asks for'),
      timeoutMinutes: z
        .number()
        .min(1)
        .max(7 * 24 * 60)
        .default(60),
      pollSeconds: z.number().min(0.05).max(60).default(5),
    })
    .superRefine(exactlyOneSubject);

/** The AWS module's executor for SSM Automation documents. */
export const SSM_EXECUTOR = 'aws-ssm-automation';

const FINAL: RemediationState[] = [
  'succeeded',
  'failed',
  'rejected',
  'blocked',
];

/**
 * `cloudops:ssm:start-automation`: runs an SSM Automation document in the
 * account and region of an incident or a savings opportunity through the
 * CloudOps remediation API (so policy, approvals and audit apply, as the
 * run's user) and waits for the outcome. Never calls SSM itself. For an
 * opportunity, the remediation service moves the savings ledger with the
 * request (pr_opened, approved, merged), so templates do not.
 */
export function createStartAutomationAction(api: CloudopsApi) {
  return createTemplateAction({
    id: 'cloudops:ssm:start-automation',
    description:
      "Requests an SSM Automation run for a CloudOps incident or savings opportunity (exactly one of incidentId and opportunityId; it runs in that one's account and region) through the remediation API (policy-checked, approvals, audited as the template's user) and waits until it succeeds, fails, is rejected or blocked; the run fails unless it succeeded. For an opportunity the savings ledger follows the request. A dry run only asks the policy.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Restart the instances behind an incident',
        example: `steps:
  - id: restart
    action: cloudops:ssm:start-automation
    input:
      incidentId: \${{ parameters.incidentId }}
      documentName: CloudOps-RestartEC2Instance
      parameters:
        InstanceId: [i-0abc1234def567890]
`,
      },
      {
        description:
          'Snapshot and delete the orphan volume of a savings opportunity, always with approval (the ledger follows)',
        example: `steps:
  - id: delete
    action: cloudops:ssm:start-automation
    input:
      opportunityId: \${{ parameters.opportunityId }}
      documentName: CloudOps-SnapshotAndDeleteVolume
      parameters:
        VolumeId: vol-0123456789abcdef0
      approval: { required: true }
      timeoutMinutes: 240
`,
      },
    ],
    schema: {
      input: inputSchema,
      output: z =>
        z.object({
          remediationId: z.string().optional(),
          remediationUrl: z.string().optional(),
          state: z.string(),
          summary: z.string(),
          executionId: z.string().optional(),
          outputs: z.record(z.unknown()).optional(),
        }),
    },
    async handler(ctx) {
      const input = parseInput(
        inputSchema,
        ctx.input,
        'cloudops:ssm:start-automation',
      );
      const { incidentId, opportunityId, documentName, parameters, approval } =
        input;
      const subject = { incidentId, opportunityId };
      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.isDryRun) {
        const policy = await api.checkPolicy(credentials, {
          ...subject,
          executor: SSM_EXECUTOR,
          ref: documentName,
          parameters,
          approval,
        });
        const refusal = policyVerdict(policy, 'remediation-request', false);
        if (refusal) throw new Error(refusal);
        const summary = `Dry run: ${documentName} would need ${
          policy.approvalsRequired
        } approval(s) and touch ${
          policy.targets.join(', ') || 'nothing reported'
        }`;
        ctx.logger.info(summary);
        ctx.output('state', 'planned');
        ctx.output('summary', summary);
        return;
      }

      // Once per run, even when the task is resumed after a restart.
      const remediationId = await ctx.checkpoint({
        key: `cloudops-remediation-${ctx.step?.id ?? documentName}`,
        fn: async () =>
          (
            await api.requestRemediation(credentials, subject, {
              executor: SSM_EXECUTOR,
              ref: documentName,
              parameters,
              approval,
            })
          ).id,
      });
      ctx.logger.info(
        `Requested remediation ${remediationId} (${documentName})`,
      );
      ctx.output('remediationId', remediationId);
      ctx.output('remediationUrl', await api.remediationUrl(remediationId));

      const deadline = Date.now() + input.timeoutMinutes * 60_000;
      let seen: RemediationState | undefined;
      for (;;) {
        const request = await api.getRemediation(credentials, remediationId);
        if (request.state !== seen) {
          seen = request.state;
          ctx.logger.info(
            request.state === 'awaiting-approval'
              ? `Waiting for ${
                  request.policy.approvalsRequired
                } approval(s): ${request.policy.reasons.join('; ')}`
              : `Remediation ${remediationId} is ${request.state}`,
          );
        }
        if (FINAL.includes(request.state)) {
          const summary =
            request.outcome?.summary ??
            `${request.state}: ${
              request.policy.reasons.join('; ') || 'no reason given'
            }`;
          ctx.output('state', request.state);
          ctx.output('summary', summary);
          if (request.outcome?.executionId) {
            ctx.output('executionId', request.outcome.executionId);
          }
          if (request.outcome) ctx.output('outputs', request.outcome.outputs);
          if (request.state !== 'succeeded') {
            throw new Error(
              `SSM Automation ${documentName} for ${describeSubject(
                subject,
              )} ended ${request.state}: ${summary}`,
            );
          }
          return;
        }
        if (Date.now() > deadline) {
          throw new Error(
            `Remediation ${remediationId} still ${request.state} after ${input.timeoutMinutes} minute(s); it continues in CloudOps`,
          );
        }
        await sleep(input.pollSeconds * 1000, undefined, {
          signal: ctx.signal,
        });
      }
    },
  });
}
