import type { z as Zod } from 'zod/v3';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseInput } from './parseInput';
import { INCIDENT_STATES } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsApi } from '../CloudopsApi';

const inputSchema = (z: typeof Zod) =>
  z.object({
    incidentId: z.string().uuid().describe('The incident'),
    note: z.string().min(1).max(20_000).optional().describe('Timeline note'),
    transition: z
      .enum(INCIDENT_STATES)
      .optional()
      .describe('The state to move to'),
  });

/**
 * `cloudops:incident:update`: writes a run's outcome to the incident's
 * timeline (a note) and/or moves it through its lifecycle, as the run's user.
 */
export function createUpdateIncidentAction(api: CloudopsApi) {
  return createTemplateAction({
    id: 'cloudops:incident:update',
    description:
      "Adds a note to a CloudOps incident's timeline and/or transitions it (acknowledged, mitigated, resolved, open), as the user who ran the template.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Record a pull request on the incident timeline',
        example: `steps:
  - id: record
    action: cloudops:incident:update
    input:
      incidentId: \${{ parameters.incidentId }}
      note: Opened \${{ steps.pr.output.remoteUrl }} to roll back checkout
`,
      },
      {
        description: 'Mark the incident mitigated once the restart succeeded',
        example: `steps:
  - id: mitigate
    action: cloudops:incident:update
    input:
      incidentId: \${{ parameters.incidentId }}
      transition: mitigated
      note: Restarted checkout pods (\${{ steps.restart.output.executionId }})
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
        'cloudops:incident:update',
      );
      const { incidentId, note, transition } = input;
      if (!note && !transition) {
        throw new Error(
          'cloudops:incident:update needs a note, a transition or both',
        );
      }
      const credentials = await ctx.getInitiatorCredentials();
      if (ctx.isDryRun) {
        const incident = await api.getIncident(credentials, incidentId);
        ctx.logger.info(
          `Dry run: would ${
            transition
              ? `move incident ${incident.id} from ${incident.state} to ${transition}`
              : `add a note to incident ${incident.id}`
          }`,
        );
        ctx.output('state', transition ?? incident.state);
        return;
      }
      const incident = transition
        ? await api.transitionIncident(credentials, incidentId, {
            to: transition,
            note,
          })
        : await api.addIncidentNote(credentials, incidentId, note!);
      ctx.logger.info(`Incident ${incident.id} is ${incident.state}`);
      ctx.output('state', incident.state);
    },
  });
}
