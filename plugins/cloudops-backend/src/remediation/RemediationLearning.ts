import { NotFoundError } from '@backstage/errors';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CloudopsDatabase, CloudopsStores } from '../database/CloudopsDatabase';
import { RemediationAction } from '../database/RemediationLearningStore';
import { isUuid } from '../database/isUuid';
import { ENGINE_ACTOR } from '../audit/engineActor';

/**
 * Learns which runbooks resolve which incidents. The action dispatcher
 * calls {@link RemediationLearning.recordAction} when it runs a runbook for
 * an incident (and {@link RemediationLearning.recordActionFailed} when the
 * run failed). When the incident then resolves, the last action before the
 * resolution succeeded: its runbook's success for the incident's signature
 * rises (earlier pending ones are superseded, counted neither way). If the
 * incident reopens, that success turns into a failure. Suggestions are
 * ranked by these counts ({@link suggestRemediations}).
 */
export class RemediationLearning {
  constructor(
    private readonly database: CloudopsDatabase,
    private readonly changes: AuditedChanges,
  ) {}

  /** Records that `actor` ran `runbookId` for the incident. */
  async recordAction(
    incidentId: string,
    runbookId: string,
    actor: string,
  ): Promise<RemediationAction> {
    return this.changes.run(
      {
        action: 'remediation-record',
        actor,
        target: incidentId,
        meta: { runbookId },
      },
      async stores => {
        const incident = isUuid(incidentId)
          ? await stores.incidents.getIncident(incidentId)
          : undefined;
        if (!incident)
          throw new NotFoundError(`No incident with id ${incidentId}`);
        const latest = await stores.rca.getLatestRca(incidentId);
        const now = new Date();
        const action = await stores.remediationLearning.recordAction({
          incidentId,
          runbookId,
          actor,
          signatureKey: latest?.rca.signatureKey ?? 'unknown',
          recordedAt: now,
        });
        await stores.incidents.appendEvent(incidentId, {
          type: 'action',
          actor,
          message: `Ran runbook ${runbookId}`,
          data: { actionId: action.id, runbookId },
          createdAt: now,
        });
        return action;
      },
      action => ({ actionId: action.id }),
    );
  }

  /** Records that an action's run failed: its runbook's failures rise. */
  async recordActionFailed(
    actionId: string,
    reason: string,
    actor: string,
  ): Promise<void> {
    await this.changes.run(
      {
        action: 'remediation-failed',
        actor,
        target: actionId,
        meta: { reason },
      },
      async stores => {
        const action = await stores.remediationLearning.getAction(actionId);
        if (!action)
          throw new NotFoundError(`No remediation action ${actionId}`);
        if (action.outcome === 'failed') return;
        await stores.remediationLearning.decide(actionId, {
          from: action.outcome,
          to: 'failed',
          reason,
          at: new Date(),
          delta: {
            successes: action.outcome === 'succeeded' ? -1 : 0,
            failures: 1,
          },
        });
        await stores.incidents.appendEvent(action.incidentId, {
          type: 'action',
          actor,
          message: `Runbook ${action.runbookId} failed: ${reason}`,
          data: { actionId, runbookId: action.runbookId, outcome: 'failed' },
          createdAt: new Date(),
        });
      },
    );
  }

  /**
   * Decides the incident's actions from its state: on a resolved incident
   * the last pending action (recorded before the resolution) succeeded; on
   * an incident that is open again, succeeded actions failed. Returns how
   * many actions changed.
   */
  async reconcile(incidentId: string): Promise<number> {
    const actions = await this.database.stores.remediationLearning.listActions(
      incidentId,
    );
    if (
      !actions.some(a => a.outcome === 'pending' || a.outcome === 'succeeded')
    ) {
      return 0;
    }
    return this.changes.run(
      { action: 'remediation-learn', actor: ENGINE_ACTOR, target: incidentId },
      stores => this.decideActions(stores, incidentId),
      changed => ({ changed }),
    );
  }

  /** Reconciles every incident whose actions wait for a decision. */
  async reconcileAll(limit = 100): Promise<number> {
    let changed = 0;
    const { remediationLearning } = this.database.stores;
    for (const id of await remediationLearning.listIncidentsToReconcile(
      limit,
    )) {
      changed += await this.reconcile(id);
    }
    return changed;
  }

  private async decideActions(
    stores: CloudopsStores,
    incidentId: string,
  ): Promise<number> {
    const incident = await stores.incidents.getIncident(incidentId);
    if (!incident) return 0;
    const actions = await stores.remediationLearning.listActions(incidentId);
    const at = new Date();
    let changed = 0;
    if (incident.state === 'resolved' && incident.resolvedAt) {
      const resolvedAt = Date.parse(incident.resolvedAt);
      const pending = actions.filter(
        a => a.outcome === 'pending' && Date.parse(a.recordedAt) <= resolvedAt,
      );
      for (const [i, action] of pending.entries()) {
        const last = i === pending.length - 1;
        const decided = await stores.remediationLearning.decide(action.id, {
          from: 'pending',
          to: last ? 'succeeded' : 'superseded',
          reason: last
            ? 'the incident resolved after it'
            : 'a later action resolved the incident',
          at,
          delta: { successes: last ? 1 : 0, failures: 0 },
        });
        if (decided) changed++;
      }
    } else if (incident.state !== 'resolved') {
      for (const action of actions.filter(a => a.outcome === 'succeeded')) {
        const decided = await stores.remediationLearning.decide(action.id, {
          from: 'succeeded',
          to: 'failed',
          reason: 'the incident reopened',
          at,
          delta: { successes: -1, failures: 1 },
        });
        if (decided) changed++;
      }
    }
    return changed;
  }
}
