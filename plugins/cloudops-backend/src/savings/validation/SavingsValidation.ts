import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { CHANGED_OPPORTUNITY_STATES } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { PostChangeObservation } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from '../../audit/AuditedChanges';
import { CloudopsDatabase } from '../../database/CloudopsDatabase';
import { StoredOpportunity } from '../../database/OpportunityStore';
import { ENGINE_ACTOR } from '../../audit/engineActor';
import { engineMove } from '../SavingsLedger';
import { assessObservation, ValidationOptions } from './assessObservation';

/**
 * Where the next window of an opportunity starts: the end of the last one,
 * or the merge (entering `merged` sets `observedUntil` to its time, so a
 * window never starts before the current merge).
 */
export function observeFrom(opportunity: StoredOpportunity): Date {
  return new Date(opportunity.observedUntil ?? opportunity.stateChangedAt);
}

/**
 * Applies detectors' post-change observations: stores each window with its
 * baseline (the cost before the change, pro rata) and actual cost, adds the
 * savings of windows where the change was in place to the realized total,
 * and moves the opportunity when a window decides it (validated, realized,
 * rejected). Observations of unknown opportunities, of another detector or
 * shard, or that overlap a window already measured are skipped, and so is
 * one of an opportunity another change moved while it was measured.
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
            !CHANGED_OPPORTUNITY_STATES.includes(opportunity.state) ||
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
          const counted = await stores.opportunities.update(
            opportunity.id,
            {
              observedUntil: o.windowEnd,
              realized: decision.realized,
              measuredMonthlySavings: decision.measuredMonthlySavings,
            },
            opportunity.state,
          );
          if (!counted) {
            this.deps.logger.info(
              `Skipped an observation of opportunity ${opportunity.id} from ${detector}/${shard}: another change moved it from ${opportunity.state} while it was measured`,
            );
            continue;
          }
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
          if (decision.transition && opportunity.state !== 'realized') {
            // The update above holds the opportunity in its state: this moves it.
            const { to, note } = decision.transition;
            await engineMove(
              stores,
              opportunity,
              {
                to,
                actor: ENGINE_ACTOR,
                at: now,
                note,
                data: { observationId: stored.id },
              },
              { note },
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
