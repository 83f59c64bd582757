import {
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CloudopsActionsEngine,
  CloudopsAuditExtensionPoint,
  RejectedRequests,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import express from 'express';
import Router from 'express-promise-router';
import { ACTIONS, escape } from './blocks';
import { explainIncident } from './explainIncident';
import { SlackApprovers } from './SlackApprovers';
import { clickerOf, SlackClicker } from './slackClicker';
import {
  BlockActions,
  parseBlockActions,
  replyTo,
  SlackReply,
} from './slackResponse';
import { verifySlackRequest } from './verifySlackRequest';

/**
 * `POST /slack/interactions`, Slack's Request URL for interactivity. It is
 * not authenticated to Backstage (Slack cannot log in): every request must
 * carry Slack's signature over its raw body made with the app's signing
 * secret, within five minutes; anything else gets 401, is logged, and is
 * audited within a bound ({@link RejectedRequests}).
 * Approve, Reject and Explain count only as the click of the catalog user
 * the Slack member maps to, checked against the permission policy like a
 * click in the portal; View details is a link. A verified click is answered
 * `200` at once (Slack waits three seconds) and handled afterwards: its
 * outcome goes to the payload's `response_url`, and a click that could not
 * be handled is logged, audited as failed and answered.
 */
export function interactionsRouter(options: {
  signingSecret: string;
  engine: () => CloudopsActionsEngine | undefined;
  /** The audit log that refused requests go to, within a bound. */
  audit: CloudopsAuditExtensionPoint;
  approvers: SlackApprovers;
  permissions: PermissionsService;
  logger: LoggerService;
}) {
  const rejected = new RejectedRequests({
    audit: options.audit,
    logger: options.logger,
    action: 'slack-interaction',
    actor: 'slack:unverified',
    request: 'a Slack interaction',
  });
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
        await rejected.record({ reason: problem, ip: req.ip ?? null });
        res.status(401).json({ error: 'invalid Slack signature' });
        return;
      }
      const payload = parseBlockActions(
        new URLSearchParams(body).get('payload'),
      );
      if (!payload) {
        res
          .status(400)
          .json({ error: 'no payload, or not an interaction payload' });
        return;
      }
      res.status(200).end();
      // Not awaited: handleAll catches what fails.
      handleAll(engine, payload);
    },
  );

  async function handleAll(
    engine: CloudopsActionsEngine,
    payload: BlockActions,
  ) {
    const reply = replyTo(payload, options.logger);
    const clicker = clickerOf(payload);
    for (const action of payload.actions ?? []) {
      try {
        await handle(engine, clicker, action, reply);
      } catch (error) {
        await failed(engine, clicker, action, reply, error as Error);
      }
    }
  }

  /** A click that could not be handled: logged, audited and answered. */
  async function failed(
    engine: CloudopsActionsEngine,
    clicker: SlackClicker,
    action: { action_id?: string; value?: string },
    reply: SlackReply,
    error: Error,
  ) {
    options.logger.error(
      `Could not handle the Slack click ${action.action_id} on ${action.value} by ${clicker.userId}`,
      error,
    );
    try {
      await engine.audit({
        action:
          action.action_id === ACTIONS.explain
            ? 'incident-explain'
            : 'remediation-decision',
        actor: `slack:${clicker.userId}`,
        target: action.value,
        outcome: 'failed',
        meta: {
          via: 'slack',
          slackUser: clicker.userId,
          reason: `not handled: ${error.message}`,
        },
      });
    } catch (auditError) {
      options.logger.error(
        `Could not audit the unhandled Slack click ${action.action_id} on ${action.value}`,
        auditError as Error,
      );
    }
    await reply({
      response_type: 'ephemeral',
      text: ':warning: CloudOps could not handle your click; it was logged. Please try again or use the portal.',
    });
  }

  async function handle(
    engine: CloudopsActionsEngine,
    clicker: SlackClicker,
    action: { action_id?: string; value?: string },
    reply: SlackReply,
  ) {
    const slackUser = clicker.userId;
    if (action.action_id === ACTIONS.explain && action.value) {
      await explainIncident(
        {
          engine,
          approvers: options.approvers,
          permissions: options.permissions,
          reply,
        },
        { clicker, incidentId: action.value },
      );
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
    const member = await options.approvers.signIn(clicker);
    if ('refusal' in member) {
      const reason = member.refusal;
      await engine.audit({
        action: 'remediation-decision',
        actor: member.actor,
        target: action.value,
        outcome: 'failed',
        meta: { decision, via: 'slack', reason },
      });
      const pending = await engine.getRemediation(action.value);
      const incident =
        pending?.incidentId && (await engine.getIncident(pending.incidentId));
      await reply({
        response_type: 'ephemeral',
        text: `:no_entry: Your decision was not recorded: ${escape(reason)}.${
          incident
            ? ` You can decide in the portal: ${engine.incidentUrl(incident)}`
            : ''
        }`,
      });
      return;
    }
    const { credentials } = member;
    try {
      const request = await engine.decide(action.value, {
        decision,
        via: 'slack',
        credentials,
      });
      const approvals = request.decisions.filter(
        d => d.decision === 'approve',
      ).length;
      await reply({
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
      await reply({
        response_type: 'ephemeral',
        text: `:no_entry: Your decision was not recorded: ${escape(
          (error as Error).message,
        )}`,
      });
    }
  }

  return router;
}
