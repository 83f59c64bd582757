import { Entity } from '@backstage/catalog-model';
import {
  OPPORTUNITY_KINDS,
  OpportunityKind,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { AuditorService } from '@backstage/backend-plugin-api';
import knexFactory from 'knex';
import { DependencyGraph } from '../../catalog/DependencyGraph';
import { EntityIndex } from '../../catalog/EntityIndex';
import { CloudopsDatabase } from '../../database/CloudopsDatabase';
import { OpportunityPipeline } from '../OpportunityPipeline';
import { scanFleet } from './scanFleet';
import {
  DEFAULT_FLEET_MIX,
  generateFleet,
  GroundTruth,
} from './syntheticFleet';

/** Precision and recall of one kind of opportunity. */
export interface DetectorAccuracy {
  kind: OpportunityKind;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface SavingsBenchReport {
  resources: number;
  opportunities: number;
  accuracy: DetectorAccuracy[];
  /** Bursty EC2 instances flagged idle (must be 0). */
  burstyFlaggedIdle: number;
  /** Seconds to run every detection function over the fleet. */
  detectSeconds: number;
  /** Seconds for the pipeline to store the findings (SQLite, in memory). */
  pipelineSeconds: number;
  /** Seconds of a second scan over the same fleet (every opportunity updated). */
  rescanSeconds: number;
  /** Monthly savings found, in US dollars (the shipped price table's currency). */
  monthlySavings: number;
}

const silentAuditor = {
  createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
} as unknown as AuditorService;

/** A catalog whose services own the fleet's resources by tag. */
function catalogOf(): { index: EntityIndex; graph: DependencyGraph } {
  const entities: Entity[] = Array.from({ length: 40 }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${i}`,
      namespace: 'default',
      annotations: {
        'cloudops.ai/aws-tags': `service=svc-${i}`,
        'cloudops.ai/environment': ['production', 'staging', 'development'][
          i % 3
        ],
      },
    },
    spec: { type: 'service', owner: `team-${i % 6}`, system: 'shop' },
    relations:
      i > 0
        ? [
            {
              type: 'dependsOn',
              targetRef: `component:default/svc-${Math.floor(i / 3)}`,
            },
          ]
        : [],
  }));
  return {
    index: EntityIndex.fromEntities(entities),
    graph: DependencyGraph.fromEntities(entities),
  };
}

const seconds = (start: bigint) =>
  Number(process.hrtime.bigint() - start) / 1e9;

/**
 * The savings accuracy check: a synthetic fleet with known ground truth goes
 * through the real detection functions and the engine's pipeline (into an
 * in-memory SQLite database); the stored opportunities are scored per kind
 * against the ground truth.
 */
export async function runSavingsBench(
  options: { seed?: number; scale?: number } = {},
): Promise<SavingsBenchReport> {
  const scale = options.scale ?? 1;
  const mix = JSON.parse(JSON.stringify(DEFAULT_FLEET_MIX), (_k, v) =>
    typeof v === 'number' ? Math.round(v * scale) : v,
  ) as typeof DEFAULT_FLEET_MIX;
  const fleet = generateFleet(options.seed ?? 42, mix);
  const truths = new Map<string, GroundTruth>();
  const resourceIds: Array<[string, GroundTruth]> = [
    ...fleet.ec2.map(r => [r.arn, r.truth] as [string, GroundTruth]),
    ...fleet.ecs.map(r => [r.arn, r.truth] as [string, GroundTruth]),
    ...fleet.ebs.map(r => [r.arn, r.truth] as [string, GroundTruth]),
    ...fleet.loadBalancers.map(r => [r.arn, r.truth] as [string, GroundTruth]),
    ...fleet.rds.map(r => [r.arn, r.truth] as [string, GroundTruth]),
    ...fleet.containers.map(
      c =>
        [
          `k8s:${c.cluster}/${c.namespace}/deployment/${c.workloadName}/${c.container}`,
          c.truth,
        ] as [string, GroundTruth],
    ),
    ...fleet.scaling.map(
      w =>
        [
          `k8s:${w.cluster}/${w.namespace}/deployment/${w.workloadName}`,
          w.truth,
        ] as [string, GroundTruth],
    ),
    ...fleet.nodes.map(
      n =>
        [`k8s:${n.cluster}/node/${n.node}`, n.truth] as [string, GroundTruth],
    ),
    ...fleet.pools.map(
      p =>
        [`k8s:${p.cluster}/nodepool/${p.name}`, p.truth] as [
          string,
          GroundTruth,
        ],
    ),
  ];
  resourceIds.forEach(([id, truth]) => truths.set(id, truth));

  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    const database = await CloudopsDatabase.create({
      database: { getClient: async () => knex, migrations: { skip: false } },
    });
    const pipeline = new OpportunityPipeline({
      database,
      catalog: catalogOf(),
      auditor: silentAuditor,
      incidentLookbackMs: 30 * 86_400_000,
    });

    let start = process.hrtime.bigint();
    const findings = scanFleet(fleet);
    const detectSeconds = seconds(start);
    const record = async (at: Date) => {
      for (const [detector, list] of findings) {
        await pipeline.record(detector, 'bench', list, at);
      }
    };
    start = process.hrtime.bigint();
    await record(fleet.now);
    const pipelineSeconds = seconds(start);
    start = process.hrtime.bigint();
    await record(new Date(fleet.now.getTime() + 3600_000));
    const rescanSeconds = seconds(start);

    const stored = await database.stores.opportunities.list(
      { state: ['detected'] },
      { limit: 100_000, offset: 0, sort: 'savings' },
    );
    const flagged = new Map(stored.items.map(o => [o.resource.id, o.kind]));
    const accuracy = OPPORTUNITY_KINDS.map(kind => {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const [id, truth] of truths) {
        const got = flagged.get(id) === kind;
        const want = truth.expected === kind;
        if (got && want) tp++;
        else if (got) fp++;
        else if (want) fn++;
      }
      return {
        kind,
        truePositives: tp,
        falsePositives: fp,
        falseNegatives: fn,
        precision: tp + fp === 0 ? 1 : tp / (tp + fp),
        recall: tp + fn === 0 ? 1 : tp / (tp + fn),
      };
    });
    const burstyFlaggedIdle = fleet.ec2.filter(
      i => i.truth.label === 'bursty' && flagged.get(i.arn) === 'ec2-idle',
    ).length;
    return {
      resources: truths.size,
      opportunities: stored.totalCount,
      accuracy,
      burstyFlaggedIdle,
      detectSeconds,
      pipelineSeconds,
      rescanSeconds,
      monthlySavings:
        stored.totals.find(t => t.currency === 'USD')?.monthlySavings ?? 0,
    };
  } finally {
    await knex.destroy();
  }
}
