import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  canTransition,
  ENGINE_ONLY_STATES,
  Opportunity,
  OpportunityDetail,
  OpportunityState,
  OPPORTUNITY_TRANSITIONS,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Request } from 'express';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CloudopsDatabase, CloudopsStores } from '../database/CloudopsDatabase';
import {
  publicOpportunity,
  StoredOpportunity,
} from '../database/OpportunityStore';
import { isUuid } from '../database/isUuid';
import { ENGINE_ACTOR } from '../audit/engineActor';

/** What comes with a move. */
export interface TransitionInput {
  to: OpportunityState;
  note?: string;
  /** Required for `pr_opened`. */
  pullRequestUrl?: string;
  /** Required for `snoozed`. */
  snoozeUntil?: Date;
}

/**
 * Moves an opportunity to `to` inside a transaction: its state, and a ledger
 * entry with who and when. Refuses a move the state does not allow (409).
 * Does not audit: callers do (one audited change per request, or the
 * engine's audit row per move).
 */
export async function moveOpportunity(
  stores: CloudopsStores,
  opportunity: Opportunity,
  input: TransitionInput & {
    actor: string;
    at: Date;
    data?: Record<string, unknown>;
  },
): Promise<StoredOpportunity> {
  const from = opportunity.state;
  if (!canTransition(from, input.to)) {
    const allowed = OPPORTUNITY_TRANSITIONS[from];
    throw new ConflictError(
      `Opportunity ${opportunity.id} is ${from}; it can go to ${
        allowed.length ? allowed.join(', ') : 'nothing (final)'
      }, not ${input.to}`,
    );
  }
  await stores.opportunities.update(opportunity.id, {
    state: input.to,
    stateChangedAt: input.at,
    snoozedUntil: input.to === 'snoozed' ? input.snoozeUntil ?? null : null,
    ...(input.pullRequestUrl ? { pullRequestUrl: input.pullRequestUrl } : {}),
  });
  await stores.opportunities.appendLedger({
    opportunityId: opportunity.id,
    from,
    to: input.to,
    actor: input.actor,
    note: input.note,
    data: {
      ...input.data,
      ...(input.pullRequestUrl ? { pullRequestUrl: input.pullRequestUrl } : {}),
      ...(input.snoozeUntil
        ? { snoozeUntil: input.snoozeUntil.toISOString() }
        : {}),
    },
    monthlySavings: opportunity.monthlySavings,
    createdAt: input.at,
  });
  return (await stores.opportunities.get(opportunity.id))!;
}

/** Records one of the engine's own moves in the audit table (inside its transaction). */
export async function auditEngineMove(
  stores: CloudopsStores,
  opportunityId: string,
  from: OpportunityState | undefined,
  to: OpportunityState,
  at: Date,
  meta: Record<string, unknown> = {},
) {
  await stores.audit.append(
    {
      action: 'opportunity-transition',
      actor: ENGINE_ACTOR,
      target: opportunityId,
      outcome: 'succeeded',
      meta: { from: from ?? null, to, ...meta },
    },
    at,
  );
}

/**
 * What people (and the remediation templates, as services) do with
 * opportunities: read them and move them through the ledger.
 */
export class SavingsLedger {
  constructor(
    private readonly database: CloudopsDatabase,
    private readonly changes: AuditedChanges,
    private readonly options: { readOnly: boolean },
  ) {}

  async get(id: string): Promise<OpportunityDetail> {
    const { opportunities } = this.database.stores;
    const opportunity = isUuid(id) ? await opportunities.get(id) : undefined;
    if (!opportunity) {
      throw new NotFoundError(`No savings opportunity with id ${id}`);
    }
    const [evidence, ledger, observations] = await Promise.all([
      opportunities.getEvidence(id),
      opportunities.ledger(id),
      opportunities.observations(id),
    ]);
    return {
      ...publicOpportunity(opportunity),
      evidence: evidence!,
      ledger,
      observations,
    };
  }

  async transition(
    id: string,
    input: TransitionInput,
    caller: { actor: string; request?: Request },
  ): Promise<Opportunity> {
    return this.changes.run(
      {
        action: 'opportunity-transition',
        actor: caller.actor,
        target: id,
        meta: { to: input.to },
        request: caller.request,
      },
      async stores => {
        const opportunity = isUuid(id)
          ? await stores.opportunities.get(id)
          : undefined;
        if (!opportunity) {
          throw new NotFoundError(`No savings opportunity with id ${id}`);
        }
        this.check(input);
        const moved = await moveOpportunity(stores, opportunity, {
          ...input,
          actor: caller.actor,
          at: new Date(),
        });
        return publicOpportunity(moved);
      },
      moved => ({ state: moved.state }),
    );
  }

  /** What a person may not do, beyond the transition table. */
  private check(input: TransitionInput) {
    if (ENGINE_ONLY_STATES.includes(input.to)) {
      throw new ConflictError(
        `${input.to} is set by the engine: validated and realized are measured from post-change usage and cost, expired when the detector no longer finds the waste`,
      );
    }
    if (input.to === 'pr_opened') {
      if (this.options.readOnly) {
        throw new ConflictError(
          'CloudOps runs in read-only pilot mode (cloudops.readOnly): no pull requests are opened',
        );
      }
      if (!input.pullRequestUrl) {
        throw new InputError(
          'pr_opened needs the pull request URL (pullRequestUrl)',
        );
      }
    }
    if (input.to === 'snoozed') {
      if (!input.snoozeUntil || input.snoozeUntil.getTime() <= Date.now()) {
        throw new InputError('snoozed needs snoozeUntil, a time in the future');
      }
    }
  }
}
