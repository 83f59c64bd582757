import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  cloudopsDemoScenarioRunPermission,
  cloudopsIncidentReadPermission,
  DEMO_SCENARIO_KINDS,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  actorOf,
  authorizeCredentials,
  CloudopsAuditExtensionPoint,
  createAuthorize,
  entityRefSchema,
  parseInput,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { DemoFleet } from '../fleet/DemoFleet';
import { fleetInventory } from '../fleet/inventory';
import { HISTORY_DAYS, MAX_POINTS, seriesValues } from '../fleet/seriesQuery';
import { ScenarioService } from '../scenarios/ScenarioService';

const DAY_MS = 86_400_000;

const startSchema = z
  .object({
    kind: z.enum(DEMO_SCENARIO_KINDS),
    target: z.string().min(1).max(255).optional(),
    node: z.string().min(1).max(255).optional(),
    /** Minutes until it ends on its own. */
    durationMinutes: z.number().int().min(1).max(360).optional(),
  })
  .strict();

const listSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const seriesSchema = z.object({
  // Canonical, as the core's routes take it: `Component:checkout` finds
  // `component:default/checkout`.
  entityRef: entityRefSchema,
  name: z.string().min(1).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  /** Seconds per point. */
  step: z.coerce.number().int().min(60).max(86_400).default(300),
  aggregate: z.enum(['avg', 'max', 'sum']).default('avg'),
});

/**
 * The demo fleet's API under `/api/cloudops/demo`: the scenario kinds, the
 * scenarios (start and stop need `cloudops.demo.run`, checked before the
 * request is validated; every attempt by a signed-in caller, refused or
 * not, is written to the CloudOps audit log), the
 * simulated history of an entity's series for charts, and the inventory.
 * Its JSON body parser reads only its own routes: the plugin's other routes
 * come after it in the same router and take larger bodies.
 */
export function createDemoRouter(deps: {
  fleet: DemoFleet;
  scenarios: ScenarioService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  audit: CloudopsAuditExtensionPoint;
}) {
  const { fleet, scenarios, audit } = deps;
  const authorize = createAuthorize(deps);
  /**
   * Runs a scenario change for an authenticated caller and audits it,
   * refused (no permission, a bad request) or not.
   */
  const audited = async <T>(
    req: Request,
    action: 'start' | 'stop',
    request: (actor: string) => {
      meta: Record<string, string>;
      work: () => Promise<T>;
    },
    outcome: (result: T) => Record<string, string>,
  ): Promise<T> => {
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const actor = actorOf(credentials);
    let meta: Record<string, string> = { action };
    try {
      await authorizeCredentials(
        deps.permissions,
        credentials,
        cloudopsDemoScenarioRunPermission,
      );
      const asked = request(actor);
      meta = { ...meta, ...asked.meta };
      const result = await asked.work();
      const described = outcome(result);
      await audit.audit({
        action: 'demo-scenario',
        actor,
        target: described.scenarioId,
        outcome: 'succeeded',
        meta: { ...meta, ...described },
      });
      return result;
    } catch (error) {
      await audit.audit({
        action: 'demo-scenario',
        actor,
        target: meta.scenarioId,
        outcome: 'failed',
        meta: { ...meta, reason: String((error as Error).message) },
      });
      throw error;
    }
  };

  const router = Router();
  router.use('/demo', express.json({ limit: '16kb' }));

  router.get('/demo', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    res.json({
      now: new Date(fleet.clock.now()).toISOString(),
      timeScale: fleet.clock.timeScale,
      kinds: scenarios.kinds(),
    });
  });

  router.get('/demo/scenarios', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    const { limit } = parseInput(listSchema, req.query, 'query');
    res.json({
      items: (await scenarios.recent(limit)).map(s => scenarios.toApi(s)),
    });
  });

  router.post('/demo/scenarios', async (req, res) => {
    const started = await audited(
      req,
      'start',
      actor => {
        const body = parseInput(startSchema, req.body, 'scenario');
        return {
          meta: {
            kind: body.kind,
            target: body.target ?? 'default',
          },
          work: () =>
            scenarios.start({
              kind: body.kind,
              target: body.target,
              node: body.node,
              durationMs: body.durationMinutes && body.durationMinutes * 60_000,
              requestedBy: actor,
            }),
        };
      },
      scenario => ({ scenarioId: scenario.id, target: scenario.target }),
    );
    res.status(201).json(scenarios.toApi(started));
  });

  router.post('/demo/scenarios/:id/stop', async (req, res) => {
    const { id } = req.params;
    const stopped = await audited(
      req,
      'stop',
      actor => ({
        meta: { scenarioId: id },
        work: () => scenarios.stop(id, actor),
      }),
      scenario => ({ scenarioId: scenario.id }),
    );
    res.json(scenarios.toApi(stopped));
  });

  router.get('/demo/series', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    const query = parseInput(seriesSchema, req.query, 'query');
    const now = fleet.clock.now();
    const to = query.to ? Date.parse(query.to) : now;
    const from = query.from ? Date.parse(query.from) : to - DAY_MS;
    const stepMs = query.step * 1000;
    if (from >= to)
      throw new InputError('Invalid query: from must be before to');
    if (from < now - HISTORY_DAYS * DAY_MS || to > now) {
      throw new InputError(
        `Invalid query: the simulated history covers the last ${HISTORY_DAYS} days up to now (${new Date(
          now,
        ).toISOString()})`,
      );
    }
    if ((to - from) / stepMs > MAX_POINTS) {
      throw new InputError(
        `Invalid query: at most ${MAX_POINTS} points per series; use a step of at least ${Math.ceil(
          (to - from) / MAX_POINTS / 1000,
        )} seconds`,
      );
    }
    const series = fleet.signals.series.filter(
      s =>
        s.service === query.entityRef &&
        (!query.name || s.identity.name === query.name),
    );
    const model = await fleet.model(from, to);
    res.json({
      items: series.map(s =>
        seriesValues(s, model, {
          from,
          to,
          stepMs,
          aggregate: query.aggregate,
        }),
      ),
    });
  });

  router.get('/demo/inventory', async (req, res) => {
    await authorize(req, cloudopsIncidentReadPermission);
    res.json(fleetInventory(fleet.estate, fleet.clock.now()));
  });

  return router;
}
