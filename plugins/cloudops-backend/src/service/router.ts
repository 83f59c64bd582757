import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  cloudopsAuditReadPermission,
  cloudopsIncidentCreatePermission,
  cloudopsIncidentReadPermission,
  cloudopsIncidentUpdatePermission,
  cloudopsSignalCreatePermission,
  Rule,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import express from 'express';
import Router from 'express-promise-router';
import { OutboxService } from '../actions/OutboxService';
import { RemediationPolicyCheck } from '../actions/RemediationPolicyCheck';
import { RemediationService } from '../actions/RemediationService';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { IncidentFilter } from '../database/IncidentStore';
import { EntityAnomalies } from '../detectors/EntityAnomalies';
import { faultTimeOf } from '../incidents/faultTime';
import { incidentSignals } from '../incidents/incidentSignals';
import { signalBands } from '../incidents/signalBands';
import { IncidentService } from '../incidents/IncidentService';
import { SavingsLedger } from '../savings/SavingsLedger';
import { SavingsSummaries } from '../savings/SavingsSummaries';
import { SignalIngestor } from '../signals/SignalIngestor';
import { createAuthorize } from './authorize';
import { actionRoutes } from './actionRoutes';
import { detectorRoutes } from './detectorRoutes';
import { entityAnomalyRoutes } from './entityAnomalyRoutes';
import { savingsRoutes } from './savingsRoutes';
import {
  auditQuerySchema,
  graphQuerySchema,
  incidentPatchSchema,
  incidentSignalsQuerySchema,
  listIncidentsQuerySchema,
  newIncidentSchema,
  noteSchema,
  parseInput,
  signalBatchSchema,
  statsQuerySchema,
  transitionSchema,
} from './validation';
import { validationRoutes } from './validationRoutes';

export interface RouterOptions {
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  database: CloudopsDatabase;
  incidents: IncidentService;
  ingestor: SignalIngestor;
  catalog: CatalogSnapshot;
  /** Multivariate anomaly scores per entity, when the built-in detectors run. */
  entityAnomalies?: EntityAnomalies;
  actions: {
    outbox: OutboxService;
    remediations: RemediationService;
    policy: RemediationPolicyCheck;
  };
  /** Savings opportunities and their ledger. */
  savings: { ledger: SavingsLedger; summaries: SavingsSummaries };
  /** The set-up health report's inputs. */
  validation: Omit<Parameters<typeof validationRoutes>[0], 'authorize'>;
  /** The rules in force (for the levels charted with an incident's signals). */
  rules: () => Rule[];
}

function toFilter(query: {
  entityRef?: string;
  system?: string;
  owner?: string;
  account?: string;
  severity?: IncidentFilter['severity'];
  state?: IncidentFilter['state'];
  from?: Date;
  to?: Date;
  q?: string;
}): IncidentFilter {
  return {
    entityRef: query.entityRef,
    systemRef: query.system,
    ownerRef: query.owner,
    account: query.account,
    severity: query.severity,
    state: query.state,
    from: query.from,
    to: query.to,
    text: query.q,
  };
}

/**
 * The REST API (described in `openapi.yaml`): validation and authorization
 * here, the work in the services.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    auditor,
    httpAuth,
    permissions,
    database,
    incidents,
    ingestor,
    catalog,
    entityAnomalies,
    savings,
  } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  const authorize = createAuthorize({ httpAuth, permissions });
  router.use(detectorRoutes({ authorize, database }));
  router.use(entityAnomalyRoutes({ authorize, entityAnomalies }));
  router.use(
    actionRoutes({ authorize, httpAuth, database, actions: options.actions }),
  );
  router.use(savingsRoutes({ authorize, database, ...savings }));
  router.use(validationRoutes({ authorize, ...options.validation }));

  router.get('/incidents', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    const query = parseInput(listIncidentsQuerySchema, req.query, 'query');
    res.json(
      await database.stores.incidents.listIncidents(toFilter(query), query),
    );
  });

  router.post('/incidents', async (req, res) => {
    const caller = await authorize(req, cloudopsIncidentCreatePermission);
    const input = parseInput(newIncidentSchema, req.body, 'incident');
    res.status(201).json(await incidents.create(input, caller));
  });

  router.get('/incidents/:id', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    res.json(await incidents.get(req.params.id));
  });

  router.get('/incidents/:id/signals', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    const query = parseInput(incidentSignalsQuerySchema, req.query, 'query');
    const incident = await incidents.get(req.params.id);
    const { linked, items } = await incidentSignals(
      database.stores.signals,
      req.params.id,
      query.contextMinutes * 60_000,
    );
    if (!query.bands) {
      res.json({ items });
      return;
    }
    const ruleIds = new Set(
      [incident.ruleId, ...incident.alertKeys.map(k => k.ruleId)].filter(
        Boolean,
      ),
    );
    const rules = options.rules().filter(rule => ruleIds.has(rule.id));
    res.json({
      items,
      bands: signalBands(items, faultTimeOf(incident, linked), rules),
    });
  });

  router.get('/incidents/:id/rca', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    await incidents.get(req.params.id);
    const latest = await database.stores.rca.getLatestRca(req.params.id);
    if (!latest) {
      throw new NotFoundError(
        `Incident ${req.params.id} has no root-cause analysis yet`,
      );
    }
    res.json(latest.rca);
  });

  router.post('/incidents/:id/transition', async (req, res) => {
    const caller = await authorize(req, cloudopsIncidentUpdatePermission);
    const input = parseInput(transitionSchema, req.body, 'transition');
    res.json(
      await incidents.transition(req.params.id, input.to, {
        ...caller,
        note: input.note,
      }),
    );
  });

  router.patch('/incidents/:id', async (req, res) => {
    const caller = await authorize(req, cloudopsIncidentUpdatePermission);
    const input = parseInput(incidentPatchSchema, req.body, 'incident change');
    res.json(await incidents.update(req.params.id, input, caller));
  });

  router.post('/incidents/:id/notes', async (req, res) => {
    const caller = await authorize(req, cloudopsIncidentUpdatePermission);
    const input = parseInput(noteSchema, req.body, 'note');
    res
      .status(201)
      .json(await incidents.addNote(req.params.id, input.text, caller));
  });

  router.post('/signals', async (req, res) => {
    const event = await auditor.createEvent({
      eventId: 'signals-ingest',
      severityLevel: 'low',
      request: req,
    });
    try {
      const caller = await authorize(req, cloudopsSignalCreatePermission);
      const batch = parseInput(signalBatchSchema, req.body, 'signal batch');
      const result = await ingestor.ingest(batch.signals, caller.actor);
      await event.success({
        meta: { accepted: result.accepted, duplicates: result.duplicates },
      });
      // Sent only now: the batch is committed.
      res.status(202).json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/stats', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    const query = parseInput(statsQuerySchema, req.query, 'query');
    res.json(
      await database.stores.incidents.stats(toFilter(query), {
        groupBy: query.groupBy,
        thenBy: query.thenBy,
        groupLimit: query.groupLimit,
        bucketSeconds: query.bucketSeconds,
      }),
    );
  });

  router.get('/graph', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    const query = parseInput(graphQuerySchema, req.query, 'query');
    if (!catalog.index.get(query.entityRef)) {
      throw new NotFoundError(`No catalog entity ${query.entityRef}`);
    }
    res.json(catalog.graph.view(query.entityRef, query.depth, catalog.index));
  });

  router.get('/audit', async (req, res) => {
    await authorize(req, cloudopsAuditReadPermission);
    const query = parseInput(auditQuerySchema, req.query, 'query');
    res.json({
      items: await database.stores.audit.list({
        target: query.target,
        limit: query.limit,
        beforeId: query.before,
      }),
    });
  });

  return router;
}
