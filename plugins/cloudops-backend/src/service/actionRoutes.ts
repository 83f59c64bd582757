import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  cloudopsActionReadPermission,
  cloudopsActionRetryPermission,
  cloudopsRemediationExecutePermission,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Router from 'express-promise-router';
import { OutboxService } from '../actions/OutboxService';
import { RemediationPolicyCheck } from '../actions/RemediationPolicyCheck';
import { RemediationService } from '../actions/RemediationService';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import {
  decisionSchema,
  deliveriesQuerySchema,
  policyCheckSchema,
  remediationRequestSchema,
  remediationsQuerySchema,
  subjectRemediationsQuerySchema,
} from './actionValidation';
import { Authorize } from './authorize';
import { parseInput } from './validation';

/**
 * The dispatcher's API: the outbox (with retry of dead letters) and
 * remediation requests (request, approve or reject).
 */
export function actionRoutes(options: {
  authorize: Authorize;
  httpAuth: HttpAuthService;
  database: CloudopsDatabase;
  actions: {
    outbox: OutboxService;
    remediations: RemediationService;
    policy: RemediationPolicyCheck;
  };
}) {
  const { authorize, database } = options;
  const router = Router();

  router.get('/actions/deliveries', async (req, res) => {
    await authorize(req, cloudopsActionReadPermission);
    const query = parseInput(deliveriesQuerySchema, req.query, 'query');
    res.json({
      items: await options.actions.outbox.list({
        incidentId: query.incidentId,
        status: query.status,
        channel: query.channel,
        limit: query.limit,
        beforeId: query.before,
      }),
    });
  });

  router.post('/actions/deliveries/:id/retry', async (req, res) => {
    const caller = await authorize(req, cloudopsActionRetryPermission);
    res.json(await options.actions.outbox.retry(req.params.id, caller));
  });

  router.get('/remediations', async (req, res) => {
    await authorize(req, cloudopsActionReadPermission);
    const query = parseInput(remediationsQuerySchema, req.query, 'query');
    res.json({ items: await database.stores.remediations.list(query) });
  });

  router.post('/remediations/policy', async (req, res) => {
    await authorize(req, cloudopsActionReadPermission);
    const input = parseInput(policyCheckSchema, req.body, 'policy check');
    // An executor's plan stops when the caller goes away.
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    res.json(await options.actions.policy.check(input, abort.signal));
  });

  router.get('/remediations/:id', async (req, res) => {
    await authorize(req, cloudopsActionReadPermission);
    res.json(await options.actions.remediations.get(req.params.id));
  });

  // A person asks for a remediation of an incident or a savings opportunity.
  const subjects = [
    ['/incidents/:id/remediations', (id: string) => ({ incidentId: id })],
    [
      '/opportunities/:id/remediations',
      (id: string) => ({ opportunityId: id }),
    ],
  ] as const;
  for (const [path, subjectOf] of subjects) {
    router.post(path, async (req, res) => {
      const caller = await authorize(req, cloudopsRemediationExecutePermission);
      const input = parseInput(
        remediationRequestSchema,
        req.body,
        'remediation',
      );
      // The executor plans it first; that stops when the caller goes away.
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      res
        .status(201)
        .json(
          await options.actions.remediations.request(
            subjectOf(req.params.id),
            input,
            { ...caller, signal: abort.signal },
          ),
        );
    });
  }

  router.get('/opportunities/:id/remediations', async (req, res) => {
    await authorize(req, cloudopsActionReadPermission);
    const query = parseInput(
      subjectRemediationsQuerySchema,
      req.query,
      'query',
    );
    res.json({
      items: await options.actions.remediations.listFor(
        { opportunityId: req.params.id },
        query,
      ),
    });
  });

  router.post('/remediations/:id/decision', async (req, res) => {
    // The decision checks cloudops.remediation.approve itself, inside its
    // audited change, so an approver the policy refuses is audited, as in a
    // chat.
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const input = parseInput(decisionSchema, req.body, 'decision');
    res.json(
      await options.actions.remediations.decide(req.params.id, {
        ...input,
        via: 'portal',
        credentials,
        request: req,
      }),
    );
  });

  return router;
}
