import {
  cloudopsIncidentUpdatePermission,
  cloudopsRemediationExecutePermission,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { authorizeCredentials } from '../service/authorize';
import { asJson, NocActionDeps } from './nocActionDeps';

/**
 * NOC actions that change something, for AI assistants: acknowledge an
 * incident, and ask for a remediation that waits for a person's approval.
 * Both check the REST route's permission for the invoking user and are
 * audited as that user; no action here approves or executes a remediation.
 */
export function registerNocWriteActions(deps: NocActionDeps) {
  const { actionsRegistry, permissions, incidents, remediations } = deps;

  actionsRegistry.register({
    name: 'acknowledge-incident',
    title: 'Acknowledge an incident',
    description:
      'Moves an open incident to acknowledged (someone is on it), with an optional note on its timeline. Audited as the invoking user. An incident already acknowledged, mitigated or resolved is returned as it is: nothing changes and the note is not added.',
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          incidentId: z.string().uuid(),
          note: z.string().max(20_000).optional(),
        }),
      output: z =>
        z.object({
          id: z.string(),
          state: z.string(),
          acknowledgedAt: z.string().nullable().optional(),
        }),
    },
    examples: [
      {
        title: 'Acknowledge with a note',
        input: {
          incidentId: '6f1c1f52-5d0a-4c55-9a5e-3b9d1c7f0a11',
          note: 'Looking into the checkout error spike',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const actor = await authorizeCredentials(
        permissions,
        credentials,
        cloudopsIncidentUpdatePermission,
      );
      const current = await incidents.get(input.incidentId);
      if (current.state !== 'open') {
        // Past `open` it has been acknowledged already; moving it again
        // would take a mitigated incident back.
        return { output: asJson(current) as any };
      }
      const incident = await incidents.transition(
        input.incidentId,
        'acknowledged',
        { actor, note: input.note },
      );
      return { output: asJson(incident) as any };
    },
  });

  actionsRegistry.register({
    name: 'request-remediation-approval',
    title: 'Request a remediation, pending approval',
    description:
      'Asks for a remediation of an incident (an installed executor and its runbook, e.g. aws-ssm-automation with an SSM document). The request always waits for approval by a person other than the requester; policy (read-only, cost-safe, blast radius) may block it. This action never runs the remediation.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          incidentId: z.string().uuid(),
          executor: z
            .string()
            .min(1)
            .max(64)
            .describe('Installed executor id, e.g. aws-ssm-automation'),
          ref: z
            .string()
            .min(1)
            .max(512)
            .describe('What the executor runs, e.g. an SSM document name'),
          parameters: z
            .record(z.union([z.string(), z.array(z.string())]))
            .default({}),
        }),
      output: z =>
        z.object({
          remediationId: z.string(),
          state: z.string(),
        }),
    },
    examples: [
      {
        title: 'Restart the instance behind an incident',
        input: {
          incidentId: '6f1c1f52-5d0a-4c55-9a5e-3b9d1c7f0a11',
          executor: 'aws-ssm-automation',
          ref: 'CloudOps-RestartEC2Instance',
          parameters: { InstanceId: ['i-0abc1234def567890'] },
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const actor = await authorizeCredentials(
        permissions,
        credentials,
        cloudopsRemediationExecutePermission,
      );
      const request = await remediations.request(
        { incidentId: input.incidentId },
        {
          executor: input.executor,
          ref: input.ref,
          parameters: input.parameters,
          approval: { required: true },
        },
        { actor },
      );
      return { output: { remediationId: request.id, state: request.state } };
    },
  });
}
