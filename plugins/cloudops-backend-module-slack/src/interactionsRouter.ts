import { LoggerService } from '@backstage/backend-plugin-api';
import { CloudopsActionsEngine } from '@cloudops-ai/backstage-plugin-cloudops-node';
import express from 'express';
import Router from 'express-promise-router';
import { ACTIONS, escape, explanationBlocks } from './blocks';
import { SlackApprovers, UnmappedSlackUserError } from './SlackApprovers';
import { verifySlackRequest } from './verifySlackRequest';

/** The part of a `block_actions` payload that matters here. */
interface BlockActions {
  type: string;
  user?: { id?: string; username?: string };
  team?: { id?: string };
  response_url?: string;
  actions?: Array<{ action_id?: string; value?: string }>;
}

/**
 * `POST /slack/interactions`, Slack's Request URL for interactivity. It is
 * not authenticated to Backstage (Slack cannot log in): every request must
 * carry Slack's signature over its raw body made with the app's signing
 * secret, within five minutes; anything else gets 401 and is audited.
 * Approve and Reject count only as the decision of the catalog user the
 * Slack member maps to, checked against the permission policy like a click
 * in the portal; Explain posts the root-cause evidence in the channel; View
 * details is a link.
 */
export function interactionsRouter(options: {
  signingSecret: string;
  engine: () => CloudopsActionsEngine | undefined;
  approvers: SlackApprovers;
  logger: LoggerService;
}) {
  const router = Router();
  router.post(
    '/slack/interactions',
    express.raw({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      const engine = options.engine();
      if (!engine) {
        res.status(503).json({ error: 'CloudOps is starting' });
        return;
      }
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const problem = verifySlackRequest({
        signingSecret: options.signingSecret,
        timestamp: req.header('x-slack-request-timestamp'),
        signature: req.header('x-slack-signature'),
        body,
      });
      if (problem) {
        await engine.audit({
          action: 'slack-interaction',
          actor: 'slack:unverified',
          outcome: 'failed',
          meta: { reason: problem, ip: req.ip ?? null },
        });
        res.status(401).json({ error: 'invalid Slack signature' });
        return;
      }
      let payload: BlockActions;
      try {
        payload = JSON.parse(new URLSearchParams(body).get('payload') ?? '');
      } catch {
        res.status(400).json({ error: 'no payload' });
        return;
      }
      for (const action of payload.actions ?? []) {
        await handle(engine, payload, action);
      }
      res.status(200).end();
    },
  );

  async function respond(
    payload: BlockActions,
    message: Record<string, unknown>,
  ) {
    if (!payload.response_url) return;
    try {
      await fetch(payload.response_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ replace_original: false, ...message }),
      });
    } catch (error) {
      options.logger.warn(
        `Could not answer Slack at its response_url: ${error}`,
      );
    }
  }

  async function handle(
    engine: CloudopsActionsEngine,
    payload: BlockActions,
    action: { action_id?: string; value?: string },
  ) {
    const slackUser = payload.user?.id ?? 'unknown';
    if (action.action_id === ACTIONS.explain && action.value) {
      const incident = await engine.getIncident(action.value);
      if (!incident) return;
      await respond(payload, {
        response_type: 'in_channel',
        text: `Why: ${incident.title}`,
        blocks: explanationBlocks(
          incident.title,
          await engine.explain(incident.id),
        ),
      });
      return;
    }
    if (
      (action.action_id !== ACTIONS.approve &&
        action.action_id !== ACTIONS.reject) ||
      !action.value
    ) {
      return; // View details is a link: Slack only tells us it was clicked.
    }
    const decision =
      action.action_id === ACTIONS.approve ? 'approve' : 'reject';
    let credentials;
    try {
      credentials = await options.approvers.credentialsFor(slackUser);
    } catch (error) {
      const reason =
        error instanceof UnmappedSlackUserError
          ? error.message
          : `could not sign the Slack user in: ${error}`;
      await engine.audit({
        action: 'remediation-decision',
        actor: `slack:${slackUser}`,
        target: action.value,
        outcome: 'failed',
        meta: { decision, via: 'slack', reason },
      });
      const pending = await engine.getRemediation(action.value);
      const incident =
        pending?.incidentId && (await engine.getIncident(pending.incidentId));
      await respond(payload, {
        response_type: 'ephemeral',
        text: `:no_entry: Your decision was not recorded: ${escape(reason)}.${
          incident
            ? ` You can decide in the portal: ${engine.incidentUrl(incident)}`
            : ''
        }`,
      });
      return;
    }
    try {
      const request = await engine.decide(action.value, {
        decision,
        via: 'slack',
        credentials,
      });
      const approvals = request.decisions.filter(
        d => d.decision === 'approve',
      ).length;
      await respond(payload, {
        response_type: 'in_channel',
        text:
          decision === 'approve'
            ? `:white_check_mark: <@${slackUser}> (${escape(
                credentials.principal.userEntityRef,
              )}) approved ${escape(request.executor)} ${escape(
                request.ref,
              )} — ${approvals}/${request.policy.approvalsRequired}, now ${
                request.state
              }`
            : `:x: <@${slackUser}> (${escape(
                credentials.principal.userEntityRef,
              )}) rejected ${escape(request.executor)} ${escape(request.ref)}`,
      });
    } catch (error) {
      // Refused decisions are audited by the engine.
      await respond(payload, {
        response_type: 'ephemeral',
        text: `:no_entry: Your decision was not recorded: ${escape(
          (error as Error).message,
        )}`,
      });
    }
  }

  return router;
}
