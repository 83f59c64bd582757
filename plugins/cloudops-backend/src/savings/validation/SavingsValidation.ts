import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { PostChangeObservation } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from '../../audit/AuditedChanges';
import { CloudopsDatabase } from '../../database/CloudopsDatabase';
import { StoredOpportunity } from '../../database/OpportunityStore';
import { ENGINE_ACTOR } from '../../audit/engineActor';
import { auditEngineMove, moveOpportunity } from '../SavingsLedger';
import { assessObservation, ValidationOptions } from './assessObservation';

/** Changed opportunities the detectors measure. */
export const OBSERVED_STATES = ['merged', 'validated', 'realized'] as const;

/** Where the next window of an opportunity starts. */
export function observeFrom(opportunity: StoredOpportunity): Date {
  return new Date(opportunity.observedUntil ?? opportunity.stateChangedAt);
}

/**
 * Applies detectors' post-change observations: stores each window with its
 * baseline (the cost before the change, pro rata) and actual cost, adds the
 * savings of windows where the change was in place to the realized total,
 * and moves the opportunity when a window decides it (validated, realized,
 * rejected). Observations of unknown opportunities, of another detector or
 * shard, or that overlap a window already measured are skipped.
 */
export class SavingsValidation {
  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      auditor: AuditorService;
      logger: LoggerService;
      options: ValidationOptions;
    },
  ) {}

  async apply(
    detector: string,
    shard: string,
    observations: PostChangeObservation[],
    now: Date,
  ): Promise<number> {
    const changes = new AuditedChanges(this.deps.database, this.deps.auditor);
    return changes.run(
      {
        action: 'savings-validation',
        actor: ENGINE_ACTOR,
        target: `${detector}/${shard}`,
        meta: { observations: observations.length },
      },
      async stores => {
        let applied = 0;
        const sorted = [...observations].sort(
          (a, b) => a.windowStart.getTime() - b.windowStart.getTime(),
        );
        for (const o of sorted) {
          const opportunity = await stores.opportunities.get(o.opportunityId);
          if (
            !opportunity ||
            opportunity.detector !== detector ||
            opportunity.shard !== shard ||
            !(OBSERVED_STATES as readonly string[]).includes(
              opportunity.state,
            ) ||
            o.windowEnd <= o.windowStart ||
            o.windowStart < observeFrom(opportunity) ||
            !Number.isFinite(o.actualCost)
          ) {
            this.deps.logger.warn(
              `Skipped an observation of opportunity ${o.opportunityId} from ${detector}/${shard}: unknown, not changed, or not after its last window`,
            );
            continue;
          }
          const history = await stores.opportunities.observations(
            opportunity.id,
          );
          const decision = assessObservation({
            state: opportunity.state,
            stateChangedAt: new Date(opportunity.stateChangedAt),
            baselineMonthlyCost: opportunity.current.monthlyCost,
            observation: o,
            history,
            options: this.deps.options,
          });
          const stored = await stores.opportunities.addObservation({
            opportunityId: opportunity.id,
            windowStart: o.windowStart,
            windowEnd: o.windowEnd,
            applied: o.applied,
            baselineCost: decision.baselineCost,
            actualCost: o.actualCost,
            peakUtilization: o.peakUtilization,
            costSource: o.costSource,
            observedAt: now,
          });
          await stores.opportunities.update(opportunity.id, {
            observedUntil: o.windowEnd,
            realized: decision.realized,
            measuredMonthlySavings: decision.measuredMonthlySavings,
          });
          if (decision.transition && opportunity.state !== 'realized') {
            await moveOpportunity(stores, opportunity, {
              to: decision.transition.to,
              actor: ENGINE_ACTOR,
              at: now,
              note: decision.transition.note,
              data: { observationId: stored.id },
            });
            await auditEngineMove(
              stores,
              opportunity.id,
              opportunity.state,
              decision.transition.to,
              now,
              {
                note: decision.transition.note,
              },
            );
          }
          applied++;
        }
        return applied;
      },
      applied => ({ applied }),
    );
  }
}
