import { NotFoundError } from '@backstage/errors';
import {
  cloudopsOpportunityReadPermission,
  cloudopsOpportunityUpdatePermission,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Router from 'express-promise-router';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { renderEvidencePack } from '../savings/reports/renderEvidencePack';
import { SavingsLedger } from '../savings/SavingsLedger';
import { SavingsSummaries } from '../savings/SavingsSummaries';
import { Authorize } from './authorize';
import {
  listOpportunitiesQuerySchema,
  opportunityTransitionSchema,
  reportDownloadQuerySchema,
  reportListQuerySchema,
  savingsSummaryQuerySchema,
} from './savingsSchemas';
import { parseInput } from './validation';
import { isUuid } from '../database/isUuid';

/**
 * Savings: opportunities with their evidence and ledger, transitions,
 * per-entity summaries for the cost card, and the weekly reports.
 */
export function savingsRoutes(options: {
  authorize: Authorize;
  database: CloudopsDatabase;
  ledger: SavingsLedger;
  summaries: SavingsSummaries;
}) {
  const { authorize, database, ledger, summaries } = options;
  const router = Router();

  router.get('/opportunities', async (req, res) => {
    await authorize(req, cloudopsOpportunityReadPermission);
    const q = parseInput(listOpportunitiesQuerySchema, req.query, 'query');
    res.json(
      await database.stores.opportunities.list(
        {
          account: q.account,
          ownerRef: q.team,
          systemRef: q.system,
          entityRef: q.entityRef,
          detector: q.detector,
          kind: q.kind,
          state: q.state,
          riskLevel: q.risk,
        },
        { limit: q.limit, offset: q.offset, sort: q.sort },
      ),
    );
  });

  router.get('/opportunities/:id', async (req, res) => {
    await authorize(req, cloudopsOpportunityReadPermission);
    res.json(await ledger.get(req.params.id));
  });

  router.get('/opportunities/:id/evidence', async (req, res) => {
    await authorize(req, cloudopsOpportunityReadPermission);
    const detail = await ledger.get(req.params.id);
    res
      .type('html')
      .set(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      )
      .send(renderEvidencePack(detail));
  });

  router.post('/opportunities/:id/transition', async (req, res) => {
    const caller = await authorize(req, cloudopsOpportunityUpdatePermission);
    const input = parseInput(
      opportunityTransitionSchema,
      req.body,
      'transition',
    );
    res.json(await ledger.transition(req.params.id, input, caller));
  });

  router.get('/savings/summary', async (req, res) => {
    await authorize(req, cloudopsOpportunityReadPermission);
    const q = parseInput(savingsSummaryQuerySchema, req.query, 'query');
    res.json(await summaries.summary(q));
  });

  router.get('/savings/reports', async (req, res) => {
    await authorize(req, cloudopsOpportunityReadPermission);
    const q = parseInput(reportListQuerySchema, req.query, 'query');
    res.json({ items: await database.stores.savingsReports.list(q) });
  });

  const report = async (id: string) => {
    const found = isUuid(id)
      ? await database.stores.savingsReports.get(id)
      : undefined;
    if (!found) throw new NotFoundError(`No savings report with id ${id}`);
    return found;
  };

  router.get('/savings/reports/:id', async (req, res) => {
    await authorize(req, cloudopsOpportunityReadPermission);
    res.json(await report(req.params.id));
  });

  router.get('/savings/reports/:id/download', async (req, res) => {
    await authorize(req, cloudopsOpportunityReadPermission);
    const { format } = parseInput(
      reportDownloadQuerySchema,
      req.query,
      'query',
    );
    const found = await report(req.params.id);
    const file = await database.stores.savingsReports.file(found.id, format);
    const name = `cloudops-savings-${found.periodStart.slice(0, 10)}.${format}`;
    res
      .type(format === 'pdf' ? 'application/pdf' : 'html')
      .set('Content-Disposition', `attachment; filename="${name}"`)
      .set(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'",
      )
      .send(file);
  });

  return router;
}
