import {
  cloudopsDetectorReadPermission,
  cloudopsIncidentReadPermission,
  cloudopsOpportunityReadPermission,
  INCIDENT_STATES,
  OPEN_OPPORTUNITY_STATES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { entityRefSchema } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { authorizeCredentials } from '../service/authorize';
import { asJson, NocActionDeps } from './nocActionDeps';

/**
 * Read-only NOC actions for AI assistants (through the MCP actions backend):
 * incidents of an entity, one incident with its root-cause analysis, open
 * savings opportunities and detector health. Each checks the same read
 * permission as its REST route.
 */
export function registerNocReadActions(deps: NocActionDeps) {
  const { actionsRegistry, permissions, database, incidents } = deps;
  const { stores } = database;

  actionsRegistry.register({
    name: 'list-entity-incidents',
    title: 'List incidents for a catalog entity',
    description:
      'Incidents attached to one catalog entity (a service, database, queue…), newest first, optionally only those in some lifecycle states (open, acknowledged, mitigated, resolved).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefSchema.describe(
            'Catalog entity ref, e.g. component:default/checkout (the namespace defaults to default; case does not matter)',
          ),
          states: z
            .array(z.enum(INCIDENT_STATES))
            .optional()
            .describe('Only incidents in these states; all when absent'),
          limit: z.number().int().min(1).max(100).default(20),
        }),
      output: z =>
        z.object({
          totalCount: z.number(),
          items: z.array(
            z
              .object({
                id: z.string(),
                title: z.string(),
                severity: z.string(),
                state: z.string(),
              })
              .passthrough(),
          ),
        }),
    },
    examples: [
      {
        title: 'Open incidents of the checkout service',
        input: {
          entityRef: 'component:default/checkout',
          states: ['open', 'acknowledged'],
          limit: 10,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      await authorizeCredentials(
        permissions,
        credentials,
        cloudopsIncidentReadPermission,
      );
      const page = await stores.incidents.listIncidents(
        { entityRef: input.entityRef, state: input.states },
        { limit: input.limit, offset: 0 },
      );
      return { output: asJson(page) as any };
    },
  });

  actionsRegistry.register({
    name: 'get-incident',
    title: 'Get an incident with its root-cause analysis',
    description:
      'One incident with its timeline and, when it has been analysed, its root-cause analysis (ranked causes over the dependency graph, evidence, suggested runbooks); rca is null until the analysis has run.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ incidentId: z.string().uuid() }),
      output: z =>
        z.object({
          incident: z
            .object({ id: z.string(), title: z.string(), state: z.string() })
            .passthrough(),
          rca: z.object({}).passthrough().nullable(),
        }),
    },
    examples: [
      {
        title: 'An incident and why it happened',
        input: { incidentId: '6f1c1f52-5d0a-4c55-9a5e-3b9d1c7f0a11' },
      },
    ],
    action: async ({ input, credentials }) => {
      await authorizeCredentials(
        permissions,
        credentials,
        cloudopsIncidentReadPermission,
      );
      const incident = await incidents.get(input.incidentId);
      const latest = await stores.rca.getLatestRca(incident.id);
      return {
        output: {
          incident: asJson(incident) as any,
          rca: latest ? asJson(latest.rca) : null,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-open-opportunities',
    title: 'List open savings opportunities',
    description:
      'Savings opportunities not yet acted on (detected, pull request opened, approved), largest monthly saving first; filter by entity or owning team.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefSchema.optional(),
          team: entityRefSchema
            .optional()
            .describe('Owning group ref, e.g. group:default/team-checkout'),
          limit: z.number().int().min(1).max(100).default(20),
        }),
      output: z =>
        z.object({
          totalCount: z.number(),
          totals: z
            .array(
              z.object({ currency: z.string(), monthlySavings: z.number() }),
            )
            .describe(
              'Monthly savings per currency; amounts in different currencies are never added up',
            ),
          items: z.array(
            z
              .object({ id: z.string(), kind: z.string(), state: z.string() })
              .passthrough(),
          ),
        }),
    },
    examples: [
      {
        title: "The checkout team's open savings",
        input: { team: 'group:default/team-checkout', limit: 5 },
      },
    ],
    action: async ({ input, credentials }) => {
      await authorizeCredentials(
        permissions,
        credentials,
        cloudopsOpportunityReadPermission,
      );
      const page = await stores.opportunities.list(
        {
          entityRef: input.entityRef,
          ownerRef: input.team,
          state: [...OPEN_OPPORTUNITY_STATES],
        },
        { limit: input.limit, offset: 0, sort: 'savings' },
      );
      return { output: asJson(page) as any };
    },
  });

  actionsRegistry.register({
    name: 'get-detector-health',
    title: 'Get detector health',
    description:
      'The latest run of every detector and shard (signal pulls, waste detectors): when it last succeeded and how many runs have failed since.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          detector: z
            .string()
            .optional()
            .describe('Only this detector, e.g. aws-cloudwatch-metrics'),
        }),
      output: z =>
        z.object({
          items: z.array(
            z
              .object({
                detector: z.string(),
                shard: z.string(),
                consecutiveFailures: z.number(),
              })
              .passthrough(),
          ),
        }),
    },
    examples: [{ title: 'Every detector', input: {} }],
    action: async ({ input, credentials }) => {
      await authorizeCredentials(
        permissions,
        credentials,
        cloudopsDetectorReadPermission,
      );
      const items = await stores.detectorRuns.health({
        detector: input.detector,
      });
      return { output: { items: asJson(items) as any } };
    },
  });
}
