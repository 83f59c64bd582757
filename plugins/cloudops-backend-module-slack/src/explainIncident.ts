import { PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { cloudopsIncidentReadPermission } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  authorizeCredentials,
  CloudopsActionsEngine,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { escape, explanationBlocks } from './blocks';
import { clip, SLACK_LIMITS } from './limits';
import { SlackApprovers, SlackMember } from './SlackApprovers';
import { SlackClicker } from './slackClicker';
import { SlackReply } from './slackResponse';

/** Why the member may not read the incident, or undefined when they may. */
async function refusalOf(
  member: SlackMember,
  permissions: PermissionsService,
): Promise<string | undefined> {
  if ('refusal' in member) return member.refusal;
  try {
    await authorizeCredentials(
      permissions,
      member.credentials,
      cloudopsIncidentReadPermission,
    );
    return undefined;
  } catch (error) {
    if (error instanceof NotAllowedError) return error.message;
    throw error;
  }
}

/**
 * The Explain button: posts an incident's root-cause evidence in the
 * channel, for a Slack member who maps to a catalog user that the
 * permission policy grants `cloudops.incident.read` (judged as in the
 * portal). Anyone else is answered privately and sees nothing of the
 * incident. Both are audited (`incident-explain`); an explanation that
 * Slack did not take is audited as failed.
 */
export async function explainIncident(
  deps: {
    engine: CloudopsActionsEngine;
    approvers: SlackApprovers;
    permissions: PermissionsService;
    reply: SlackReply;
  },
  click: { clicker: SlackClicker; incidentId: string },
) {
  const { engine, reply } = deps;
  const { clicker, incidentId } = click;
  const slackUser = clicker.userId;
  const member = await deps.approvers.signIn(clicker);
  const audit = (reason?: string) =>
    engine.audit({
      action: 'incident-explain',
      actor: member.actor,
      target: incidentId,
      outcome: reason ? 'failed' : 'succeeded',
      meta: { via: 'slack', slackUser, ...(reason ? { reason } : {}) },
    });
  const refusal = await refusalOf(member, deps.permissions);
  const incident = refusal ? undefined : await engine.getIncident(incidentId);
  if (!incident) {
    const reason = refusal ?? `no incident ${incidentId}`;
    await audit(reason);
    await reply({
      response_type: 'ephemeral',
      text: `:no_entry: The explanation was not shown: ${escape(reason)}.`,
    });
    return;
  }
  const explanation = await engine.explain(incident.id);
  const failure = await reply({
    response_type: 'in_channel',
    text: clip(`Why: ${escape(incident.title)}`, SLACK_LIMITS.text),
    blocks: explanationBlocks(incident.title, explanation),
  });
  await audit(failure && `Slack did not take the explanation: ${failure}`);
}
