import { LoggerService } from '@backstage/backend-plugin-api';
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

/** A move, by whom and when, with what comes with it. */
export type MoveInput = TransitionInput & {
  actor: string;
  at: Date;
  data?: Record<string, unknown>;
};

/**
 * When the opportunity is snoozed until after a move: the new snooze end;
 * an expiry keeps a running snooze (a re-detection snoozes it again);
 * undefined leaves the column as it is.
 */
function snoozeAfter(input: TransitionInput): Date | null | undefined {
  if (input.to === 'snoozed') return input.snoozeUntil ?? null;
  return input.to === 'expired' ? undefined : null;
}

/**
 * Moves an opportunity, as read in `opportunity`, to `to` inside a
 * transaction: its state, and a ledger entry with who and when. Refuses a
 * move the state does not allow (409). Moves it only if it is still in the
 * state it was read in: returns undefined, and writes nothing, when
 * another change moved it first. Entering `merged` starts the post-change
 * observation there. Does not audit.
 */
export async function tryMoveOpportunity(
  stores: CloudopsStores,
  opportunity: Opportunity,
  input: MoveInput,
): Promise<StoredOpportunity | undefined> {
  const from = opportunity.state;
  if (!canTransition(from, input.to)) {
    const allowed = OPPORTUNITY_TRANSITIONS[from];
    throw new ConflictError(
      `Opportunity ${opportunity.id} is ${from}; it can go to ${
        allowed.length ? allowed.join(', ') : 'nothing (final)'
      }, not ${input.to}`,
    );
  }
  const moved = await stores.opportunities.update(
    opportunity.id,
    {
      state: input.to,
      stateChangedAt: input.at,
      snoozedUntil: snoozeAfter(input),
      ...(input.to === 'merged' ? { observedUntil: input.at } : {}),

      ...(input.pullRequestUrl ? { pullRequestUrl: input.pullRequestUrl } : {}),
    },
    from,
  );
  if (!moved) return undefined;
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

/**
 * {@link tryMoveOpportunity} for a person's request: a move another change
 * got ahead of is a 409 that says where the opportunity is now.
 */
export async function moveOpportunity(
  stores: CloudopsStores,
  opportunity: Opportunity,
  input: MoveInput,
): Promise<StoredOpportunity> {
  const moved = await tryMoveOpportunity(stores, opportunity, input);
  if (moved) return moved;
  const current = await stores.opportunities.get(opportunity.id);
  if (!current) {
    throw new NotFoundError(`No savings opportunity with id ${opportunity.id}`);
  }
  throw new ConflictError(
    `Opportunity ${opportunity.id} was moved to ${current.state} by another change while it was being moved from ${opportunity.state} to ${input.to}; reload it and try again`,
  );
}

/**
 * One of the engine's own moves (a scan, the validation job, a snooze
 * ending, a remediation request): moved and audited, or undefined when
 * another change moved the opportunity first (the engine leaves it be).
 */
export async function engineMove(
  stores: CloudopsStores,
  opportunity: Opportunity,
  input: MoveInput,
  meta: Record<string, unknown> = {},
): Promise<StoredOpportunity | undefined> {
  const moved = await tryMoveOpportunity(stores, opportunity, input);
  if (moved) {
    await auditEngineMove(
      stores,
      opportunity.id,
      opportunity.state,
      input.to,
      input.at,
      meta,
    );
  }
  return moved;
}

/**
 * Engine moves of opportunities read before their transaction (a listing),
 * each in a transaction of its own: one another change moved meanwhile is
 * left as it is, and logged. Resolves with how many moved.
 */
export async function engineMoveEach(
  deps: { database: CloudopsDatabase; logger: LoggerService },
  opportunities: Opportunity[],
  move: {
    to: OpportunityState;
    at: Date;
    note: (opportunity: Opportunity) => string;
  },
): Promise<number> {
  let moved = 0;
  for (const opportunity of opportunities) {
    const done = await deps.database.transaction(stores =>
      engineMove(stores, opportunity, {
        to: move.to,
        actor: ENGINE_ACTOR,
        at: move.at,
        note: move.note(opportunity),
      }),
    );
    if (done) moved++;
    else {
      deps.logger.info(
        `Left opportunity ${opportunity.id} as it is rather than move it from ${opportunity.state} to ${move.to}: another change moved it meanwhile`,
      );
    }
  }
  return moved;
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
