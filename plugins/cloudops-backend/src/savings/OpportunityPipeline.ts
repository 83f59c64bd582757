import { AuditorService } from '@backstage/backend-plugin-api';
import {
  Incident,
  REMEDIATION_TEMPLATES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { WasteFinding } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from '../audit/AuditedChanges';
import { DependencyGraph } from '../catalog/DependencyGraph';
import { EntityIndex } from '../catalog/EntityIndex';
import { EntityInfo } from '../catalog/entityInfo';
import { CloudopsDatabase, CloudopsStores } from '../database/CloudopsDatabase';
import {
  OpportunityWrite,
  StoredOpportunity,
} from '../database/OpportunityStore';
import { assessRisk, countDependents } from './risk/assessRisk';
import { ENGINE_ACTOR } from '../audit/engineActor';
import { auditEngineMove, engineMove } from './SavingsLedger';

/** What one scan changed. */
export interface ScanOutcome {
  created: number;
  updated: number;
  /** Expired opportunities found again: detected again, or snoozed again while their snooze runs. */
  reopened: number;
  expired: number;
  /** Opportunities another change moved while the scan ran: left as they are. */
  skipped: number;
}

/** States in which a new finding replaces what the opportunity says. */
const REFRESHED = new Set(['detected', 'snoozed', 'expired']);
/** States that expire when the detector no longer finds the waste. */
const EXPIRING = ['detected', 'snoozed'] as const;

/** What the risk of an entity's opportunities is judged on. */
type EntityContext = { incidents: Incident[]; dependents: number };

/** The key that makes one opportunity per detector and resource. */
export function dedupKey(detector: string, resourceId: string): string {
  return `${detector}|${resourceId}`;
}

/**
 * Turns a detector's findings on one shard into opportunities, in one
 * transaction: a new resource opens an opportunity (`detected`); one found
 * again updates it (its figures, evidence and risk while nobody acted on it
 * yet; only its last-seen time and shard once a change is under way); an
 * expired one found again is detected again (snoozed again while the
 * snooze it had when it expired runs); and an open one the scan no longer
 * finds expires. An opportunity another change moved meanwhile is left as
 * it is. Each opportunity gets its catalog entity (from the finding, or
 * the entity index by ARN, tags or Kubernetes labels), a risk score and its
 * remediation template. Every move is in the ledger and the audit log.
 */
export class OpportunityPipeline {
  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      /** The entity index and dependency graph (a CatalogSnapshot). */
      catalog: { readonly index: EntityIndex; readonly graph: DependencyGraph };
      auditor: AuditorService;
      incidentLookbackMs: number;
    },
  ) {}

  async record(
    detector: string,
    shard: string,
    findings: WasteFinding[],
    now: Date,
  ): Promise<ScanOutcome> {
    const changes = new AuditedChanges(this.deps.database, this.deps.auditor);
    return changes.run(
      {
        action: 'savings-scan',
        actor: ENGINE_ACTOR,
        target: `${detector}/${shard}`,
        meta: { detector, shard, findings: findings.length },
      },
      stores => this.apply(stores, detector, shard, findings, now),
      outcome => ({ ...outcome }),
    );
  }

  private async apply(
    stores: CloudopsStores,
    detector: string,
    shard: string,
    findings: WasteFinding[],
    now: Date,
  ): Promise<ScanOutcome> {
    const outcome: ScanOutcome = {
      created: 0,
      updated: 0,
      reopened: 0,
      expired: 0,
      skipped: 0,
    };
    // One finding per resource: the larger savings wins.
    const byKey = new Map<string, WasteFinding>();
    for (const finding of findings) {
      const key = dedupKey(detector, finding.resource.id);
      const seen = byKey.get(key);
      if (!seen || finding.monthlySavings > seen.monthlySavings)
        byKey.set(key, finding);
    }
    const existing = await stores.opportunities.findByKeys([...byKey.keys()]);
    const contexts = new Map<string, EntityContext>();

    for (const [key, finding] of byKey) {
      const write = await this.toWrite(
        stores,
        key,
        detector,
        shard,
        finding,
        now,
        contexts,
      );
      const current = existing.get(key);
      if (current) {
        outcome[await this.redetect(stores, current, write, now)]++;
        continue;
      }
      const created = await stores.opportunities.insert(write);
      await stores.opportunities.appendLedger({
        opportunityId: created.id,
        to: 'detected',
        actor: ENGINE_ACTOR,
        data: { detector, shard },
        monthlySavings: created.monthlySavings,
        createdAt: now,
      });
      await auditEngineMove(stores, created.id, undefined, 'detected', now);
      outcome.created++;
    }

    for (const stale of await stores.opportunities.listForShard(
      detector,
      shard,
      EXPIRING,
    )) {
      if (byKey.has(stale.dedupKey)) continue;
      const expired = await engineMove(stores, stale, {
        to: 'expired',
        actor: ENGINE_ACTOR,
        at: now,
        note: 'No longer found by the detector',
      });
      outcome[expired ? 'expired' : 'skipped']++;
    }
    return outcome;
  }

  /**
   * An opportunity found again: refreshed while nobody acted on it yet,
   * else only seen (when, and on which shard); an expired one reopens.
   */
  private async redetect(
    stores: CloudopsStores,
    current: StoredOpportunity,
    write: OpportunityWrite,
    now: Date,
  ): Promise<'updated' | 'reopened' | 'skipped'> {
    const {
      state: _s,
      firstDetectedAt: _f,
      stateChangedAt: _c,
      detectionCount: _d,
      dedupKey: _k,
      ...detection
    } = write;
    const refreshing = REFRESHED.has(current.state);
    if (
      !refreshing ||
      !(await stores.opportunities.update(
        current.id,
        { detection },
        current.state,
      ))
    ) {
      await stores.opportunities.update(current.id, {
        seen: { at: now, shard: write.shard },
      });
      return refreshing ? 'skipped' : 'updated';
    }
    if (current.state !== 'expired') return 'updated';
    const detected = await engineMove(
      stores,
      { ...current, monthlySavings: write.monthlySavings },
      {
        to: 'detected',
        actor: ENGINE_ACTOR,
        at: now,
        note: 'Found again by the detector',
      },
    );
    if (!detected) return 'skipped';
    const snoozeUntil = current.snoozedUntil && new Date(current.snoozedUntil);
    if (snoozeUntil && snoozeUntil > now) {
      await engineMove(stores, detected, {
        to: 'snoozed',
        actor: ENGINE_ACTOR,
        at: now,
        snoozeUntil,
        note: 'Still snoozed: found again before the snooze it had when it expired ends',
      });
    }
    return 'reopened';
  }

  private async toWrite(
    stores: CloudopsStores,
    key: string,
    detector: string,
    shard: string,
    finding: WasteFinding,
    now: Date,
    cache: Map<string, EntityContext>,
  ): Promise<OpportunityWrite> {
    const entity = this.entityOf(finding);
    const context = entity
      ? await this.entityContext(stores, entity.ref, now, cache)
      : { incidents: [], dependents: 0 };
    const risk = assessRisk({
      action: finding.recommended.action,
      environment: entity?.environment,
      ...context,
    });
    const { action: _action, ...recommended } = finding.recommended;
    return {
      dedupKey: key,
      detector,
      kind: finding.kind,
      shard,
      resource: finding.resource,
      account: finding.resource.account,
      entityRef: entity?.ref ?? finding.entityRef,
      ownerRef: entity?.ownerRef,
      systemRef: entity?.systemRef,
      title: finding.title,
      current: finding.current,
      recommended: {
        ...recommended,
        spec: { ...recommended.spec, action: finding.recommended.action },
      },
      monthlySavings: Math.max(0, finding.monthlySavings),
      currency: finding.currency,
      confidence: Math.min(1, Math.max(0, finding.confidence)),
      risk,
      remediation: {
        template: REMEDIATION_TEMPLATES[finding.kind],
        parameters: finding.remediationParameters,
      },
      evidence: finding.evidence,
      state: 'detected',
      firstDetectedAt: now.toISOString(),
      lastDetectedAt: now.toISOString(),
      stateChangedAt: now.toISOString(),
      detectionCount: 1,
    };
  }

  /** An entity's recent incidents and fan-in, once per scan. */
  private async entityContext(
    stores: CloudopsStores,
    ref: string,
    now: Date,
    cache: Map<string, EntityContext>,
  ): Promise<EntityContext> {
    const cached = cache.get(ref);
    if (cached) return cached;
    const { items } = await stores.incidents.listIncidents(
      {
        entityRef: ref,
        from: new Date(now.getTime() - this.deps.incidentLookbackMs),
      },
      { limit: 100, offset: 0 },
    );
    const context = {
      incidents: items,
      dependents: countDependents(ref, r =>
        this.deps.catalog.graph.dependents(r),
      ),
    };
    cache.set(ref, context);
    return context;
  }

  private entityOf(finding: WasteFinding): EntityInfo | undefined {
    const index = this.deps.catalog.index;
    return index.resolve({
      entityRef: finding.entityRef,
      resource: finding.resource.id,
      labels: finding.resource.labels ?? {},
      name: '',
      kind: 'metric',
      account: finding.resource.account,
    });
  }
}
