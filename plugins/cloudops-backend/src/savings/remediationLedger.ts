import {
  canTransition,
  OpportunityState,
  RemediationRequest,
  RemediationState,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsStores } from '../database/CloudopsDatabase';
import { engineMove } from './SavingsLedger';

/** The ledger's main path up to the change being made. */
const PATH: readonly OpportunityState[] = [
  'detected',
  'pr_opened',
  'approved',
  'merged',
];

/**
 * Where a remediation request's state puts its opportunity in the ledger:
 * requested and past policy → `pr_opened` (the change is proposed; the
 * request stands in for a pull request), approved or running → `approved`,
 * succeeded → `merged` (the change is made; the validation job measures it
 * from then on), and failed, rejected, blocked or expired → back to
 * `detected`. A cancelled request (its opportunity closed) leaves it.
 */
function ledgerStateOf(state: RemediationState): OpportunityState | undefined {
  switch (state) {
    case 'dry-run':
    case 'awaiting-approval':
      return 'pr_opened';
    case 'approved':
    case 'executing':
      return 'approved';
    case 'succeeded':
      return 'merged';
    case 'failed':
    case 'rejected':
    case 'blocked':
    case 'expired':
      return 'detected';
    default:
      return undefined;
  }
}

/**
 * Moves the savings ledger of an opportunity's remediation request along
 * with the request (inside the request's transaction). The remediation
 * service is the one owner of these moves: templates that run a
 * remediation request do not record them again. Forward moves walk the
 * main path one state at a time (each a ledger entry); a failure moves a
 * proposed or approved opportunity back to `detected`. A move the
 * opportunity's current state does not allow (a person rejected or snoozed
 * it meanwhile, even while this ran) is left out: the person's decision
 * stands.
 */
export async function followRemediation(
  stores: CloudopsStores,
  request: Pick<
    RemediationRequest,
    'id' | 'opportunityId' | 'executor' | 'ref'
  >,
  state: RemediationState,
  move: {
    actor: string;
    note: string;
    at: Date;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  const target = ledgerStateOf(state);
  if (!request.opportunityId || !target) return;
  let opportunity = await stores.opportunities.get(request.opportunityId);
  if (!opportunity) return;
  const data = {
    remediationId: request.id,
    executor: request.executor,
    ref: request.ref,
    ...move.data,
  };
  const steps: OpportunityState[] = [];
  const from = PATH.indexOf(opportunity.state);
  const to = PATH.indexOf(target);
  if (target === 'detected') {
    if (opportunity.state !== 'detected') steps.push('detected');
  } else if (from >= 0 && from < to) {
    steps.push(...PATH.slice(from + 1, to + 1));
  }
  for (const next of steps) {
    if (!canTransition(opportunity.state, next)) return;
    const moved = await engineMove(
      stores,
      opportunity,
      {
        to: next,
        actor: move.actor,
        note: move.note,
        at: move.at,
        data,
      },
      { remediationId: request.id, by: move.actor },
    );
    if (!moved) return;
    opportunity = moved;
  }
}
