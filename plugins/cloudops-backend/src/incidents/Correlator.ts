import {
  Incident,
  IncidentAlertKey,
  IncidentSeverity,
  severityRank,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsStores } from '../database/CloudopsDatabase';
import { SignalKey } from '../database/SignalStore';
import { ENGINE_ACTOR } from '../audit/engineActor';

/** A rule's verdict on a signal, as the correlator needs it. */
export interface AlertTransition {
  status: 'firing' | 'resolved';
  dedupKey: string;
  ruleId?: string;
  severity: IncidentSeverity;
  title: string;
  reason: string;
  labels: Record<string, string>;
  entityRef?: string;
  account?: string;
  signalId: string;
  /** The series of that signal (with `at`, where it is filed). */
  signalFingerprint: string;
  at: Date;
}

/** Windows and reach of correlation. */
export interface CorrelationOptions {
  /** Alerts on linked services within this window join one incident. */
  windowMs: number;
  /** A key that recurs within this window after resolving reopens its incident. */
  reopenWindowMs: number;
  /** How far apart in the dependency graph two services may be to correlate. */
  maxHops: number;
}

/** The stored signal a transition came from. */
function signalOf(t: AlertTransition): SignalKey {
  return {
    id: t.signalId,
    fingerprint: t.signalFingerprint,
    timestamp: t.at.toISOString(),
  };
}

function mostSevere(severities: IncidentSeverity[]): IncidentSeverity {
  return severities.reduce((a, b) =>
    severityRank(b) > severityRank(a) ? b : a,
  );
}

/**
 * Turns alert transitions into incidents: one incident per dedup key; keys on
 * services linked in the dependency graph within a window join one incident
 * whose candidate is the upstream-most service; a key that recurs soon after
 * resolving reopens its incident; resolved keys resolve or downgrade.
 */
export class Correlator {
  constructor(
    private readonly catalog: CatalogSnapshot,
    private readonly options: CorrelationOptions,
  ) {}

  /** Applies one transition inside the caller's transaction; returns the incident it touched. */
  async apply(
    stores: CloudopsStores,
    t: AlertTransition,
  ): Promise<Incident | undefined> {
    return t.status === 'firing'
      ? this.fire(stores, t)
      : this.resolve(stores, t);
  }

  private async fire(
    stores: CloudopsStores,
    t: AlertTransition,
  ): Promise<Incident> {
    const { incidents } = stores;
    const key: IncidentAlertKey = {
      dedupKey: t.dedupKey,
      entityRef: t.entityRef,
      ruleId: t.ruleId,
      severity: t.severity,
      status: 'firing',
      firstSeenAt: t.at.toISOString(),
      lastSeenAt: t.at.toISOString(),
    };

    const holder = await incidents.findIncidentByOpenKey(t.dedupKey);
    if (holder) {
      return this.join(
        stores,
        holder,
        key,
        t,
        'signal',
        `${t.title}: ${t.reason}`,
      );
    }

    const resolved = await incidents.findResolvedByKey(
      t.dedupKey,
      new Date(t.at.getTime() - this.options.reopenWindowMs),
    );
    if (resolved) {
      await incidents.appendEvent(resolved.id, {
        type: 'state',
        actor: ENGINE_ACTOR,
        message: `Reopened: ${t.title} recurred (${t.reason})`,
        data: { from: 'resolved', to: 'open', dedupKey: t.dedupKey },
        createdAt: t.at,
      });
      // Its other alerts had cleared: it is as severe as what recurred.
      if (t.severity !== resolved.severity) {
        await incidents.appendEvent(resolved.id, {
          type: 'severity',
          actor: ENGINE_ACTOR,
          message: `Reopened at ${t.severity} (was ${resolved.severity})`,
          data: { from: resolved.severity, to: t.severity },
          createdAt: t.at,
        });
      }
      await incidents.reopenKeys(resolved.id);
      const reopened = await incidents.updateIncident(resolved.id, {
        state: 'open',
        resolvedAt: null,
        severity: t.severity,
        updatedAt: t.at,
      });
      return this.join(
        stores,
        reopened,
        key,
        t,
        'signal',
        `${t.title}: ${t.reason}`,
      );
    }

    const related = await this.relatedIncident(stores, t);
    if (related) {
      return this.join(
        stores,
        related,
        key,
        t,
        'correlated',
        `Correlated ${t.entityRef}: ${t.title} (${t.reason})`,
      );
    }

    const entity = t.entityRef
      ? this.catalog.index.get(t.entityRef)
      : undefined;
    const incident = await incidents.createIncident({
      title: t.title,
      description: t.reason,
      severity: t.severity,
      entityRef: t.entityRef,
      createdBy: ENGINE_ACTOR,
      createdAt: t.at,
      dedupKey: t.dedupKey,
      ruleId: t.ruleId,
      candidateEntityRef: t.entityRef,
      systemRef: entity?.systemRef,
      ownerRef: entity?.ownerRef,
      account: t.account ?? entity?.account,
      labels: t.labels,
    });
    await incidents.appendEvent(incident.id, {
      type: 'opened',
      actor: ENGINE_ACTOR,
      message: `Opened by rule ${t.ruleId ?? 'unknown'}: ${t.reason}`,
      data: { dedupKey: t.dedupKey, signalId: t.signalId },
      createdAt: t.at,
    });
    return this.join(stores, incident, key, t, undefined, '');
  }

  /** An unresolved incident on a service linked to this one, active within the window. */
  private async relatedIncident(
    stores: CloudopsStores,
    t: AlertTransition,
  ): Promise<Incident | undefined> {
    if (!t.entityRef) return undefined;
    const near = this.catalog.graph.neighbourhood(
      t.entityRef,
      this.options.maxHops,
    );
    const candidates = await stores.incidents.findOpenIncidentsForEntities(
      [...near],
      new Date(t.at.getTime() - this.options.windowMs),
    );
    return candidates[0];
  }

  /** Adds the key and signal to the incident, escalating and re-ranking as needed. */
  private async join(
    stores: CloudopsStores,
    incident: Incident,
    key: IncidentAlertKey,
    t: AlertTransition,
    eventType: 'signal' | 'correlated' | undefined,
    message: string,
  ): Promise<Incident> {
    const { incidents, signals } = stores;
    const existing = await incidents.getOpenKey(incident.id, key.dedupKey);
    await incidents.putOpenKey(incident.id, {
      ...key,
      firstSeenAt: existing?.firstSeenAt ?? key.firstSeenAt,
    });
    await signals.linkToIncident([signalOf(t)], incident.id);
    if (
      existing?.status === 'firing' &&
      existing.severity === key.severity &&
      existing.entityRef === key.entityRef
    ) {
      // The same alert again while it fires (a sender re-sending, as
      // Alertmanager does): counted and linked, nothing else changed.
      return incidents.updateIncident(incident.id, {
        signals: { count: 1, lastAt: t.at },
        updatedAt: t.at,
      });
    }
    if (eventType) {
      await incidents.appendEvent(incident.id, {
        type: eventType,
        actor: ENGINE_ACTOR,
        message,
        data: {
          dedupKey: t.dedupKey,
          signalId: t.signalId,
          entityRef: t.entityRef ?? null,
        },
        createdAt: t.at,
      });
    }

    const keys = await incidents.getOpenKeys(incident.id);
    const firing = keys.filter(k => k.status === 'firing');
    const severity = mostSevere(firing.map(k => k.severity));
    const entities = [
      ...new Set(keys.flatMap(k => (k.entityRef ? [k.entityRef] : []))),
    ];
    const candidate =
      this.catalog.graph.upstreamMost(entities) ?? incident.candidateEntityRef;

    if (severityRank(severity) > severityRank(incident.severity)) {
      await incidents.appendEvent(incident.id, {
        type: 'severity',
        actor: ENGINE_ACTOR,
        message: `Escalated ${incident.severity} → ${severity}`,
        data: { from: incident.severity, to: severity },
        createdAt: t.at,
      });
    }
    if (candidate && candidate !== incident.candidateEntityRef) {
      await incidents.appendEvent(incident.id, {
        type: 'correlated',
        actor: ENGINE_ACTOR,
        message: `Candidate root cause is now ${candidate} (upstream of the other alerting services)`,
        data: { from: incident.candidateEntityRef ?? null, to: candidate },
        createdAt: t.at,
      });
    }
    return incidents.updateIncident(incident.id, {
      severity:
        severityRank(severity) > severityRank(incident.severity)
          ? severity
          : undefined,
      candidateEntityRef: candidate,
      signals: { count: 1, lastAt: t.at },
      updatedAt: t.at,
    });
  }

  private async resolve(
    stores: CloudopsStores,
    t: AlertTransition,
  ): Promise<Incident | undefined> {
    const { incidents, signals } = stores;
    const incident = await incidents.findIncidentByOpenKey(t.dedupKey);
    if (!incident) return undefined;
    const keys = await incidents.getOpenKeys(incident.id);
    const key = keys.find(k => k.dedupKey === t.dedupKey)!;
    await incidents.putOpenKey(incident.id, {
      ...key,
      status: 'resolved',
      lastSeenAt: t.at.toISOString(),
    });
    await signals.linkToIncident([signalOf(t)], incident.id);
    const firing = keys.filter(
      k => k.status === 'firing' && k.dedupKey !== t.dedupKey,
    );

    if (firing.length === 0) {
      // Never before it opened (a clearing signal that arrived late).
      const at = new Date(
        Math.max(t.at.getTime(), Date.parse(incident.createdAt)),
      );
      await incidents.clearOpenKeys(incident.id);
      await incidents.appendEvent(incident.id, {
        type: 'state',
        actor: ENGINE_ACTOR,
        message: `Resolved: ${t.title} cleared (${t.reason})`,
        data: { from: incident.state, to: 'resolved', dedupKey: t.dedupKey },
        createdAt: at,
      });
      return incidents.updateIncident(incident.id, {
        state: 'resolved',
        resolvedAt: at,
        signals: { count: 1, lastAt: t.at },
        updatedAt: at,
      });
    }

    const severity = mostSevere(firing.map(k => k.severity));
    await incidents.appendEvent(incident.id, {
      type: severity !== incident.severity ? 'severity' : 'signal',
      actor: ENGINE_ACTOR,
      message:
        severity !== incident.severity
          ? `${t.title} cleared; severity ${incident.severity} → ${severity}`
          : `${t.title} cleared; ${firing.length} alert(s) still firing`,
      data: { dedupKey: t.dedupKey, from: incident.severity, to: severity },
      createdAt: t.at,
    });
    return incidents.updateIncident(incident.id, {
      severity,
      signals: { count: 1, lastAt: t.at },
      updatedAt: t.at,
    });
  }
}
