import { LoggerService } from '@backstage/backend-plugin-api';
import { Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsAuditExtensionPoint,
  IncidentLifecycleListener,
  IncidentTransitionEvent,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AlertmanagerClient, SilenceMatcher } from './AlertmanagerClient';

/** Marks the silences CloudOps makes, and for which incident. */
const CREATED_BY = 'cloudops';
const marker = (incidentId: string) => `CloudOps incident ${incidentId}`;

/** The Alertmanager alerts of an incident still firing, by cluster. */
function firingAlerts(signals: Signal[]): Map<string | undefined, Signal[]> {
  const latest = new Map<string, Signal>();
  for (const signal of signals) {
    if (signal.source === 'alertmanager' && signal.kind === 'alert') {
      const seen = latest.get(signal.fingerprint);
      if (!seen || seen.timestamp <= signal.timestamp) {
        latest.set(signal.fingerprint, signal);
      }
    }
  }
  const byCluster = new Map<string | undefined, Signal[]>();
  for (const signal of latest.values()) {
    if (signal.status !== 'resolved') {
      byCluster.set(signal.account, [
        ...(byCluster.get(signal.account) ?? []),
        signal,
      ]);
    }
  }
  return byCluster;
}

function matchersOf(labels: Record<string, string>): SilenceMatcher[] {
  return Object.entries(labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
}

/** The identity of a silence's matchers, whatever their order. */
const matchersKey = (matchers: SilenceMatcher[]) =>
  JSON.stringify(
    matchers
      .map(m => [m.name, m.value, m.isRegex, m.isEqual ?? true])
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
  );

/**
 * Acknowledging an incident in the portal silences its firing Alertmanager
 * alerts (each by its exact labels, on its cluster's Alertmanager, for the
 * configured duration); resolving or reopening it expires those silences
 * again. Silences name the incident in their comment, so nothing needs to
 * be remembered, and an alert already silenced for the incident is not
 * silenced twice. What is done is written to the CloudOps audit log (and
 * so to Backstage's auditor): who moved the incident, the cluster, and the
 * silences made or expired; a failed attempt too, with those it made or
 * expired before it failed.
 */
export class SilenceOnAcknowledge implements IncidentLifecycleListener {
  constructor(
    private readonly deps: {
      alertmanagers: ReadonlyMap<string, AlertmanagerClient>;
      durationMs: number;
      audit: CloudopsAuditExtensionPoint;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async onTransition(event: IncidentTransitionEvent): Promise<void> {
    if (event.to === 'acknowledged') {
      await this.silence(event);
    } else if (event.to === 'resolved' || event.to === 'open') {
      await this.expire(event);
    }
  }

  private async silence(event: IncidentTransitionEvent) {
    const { incident, actor, note } = event;
    const now = (this.deps.now ?? (() => new Date()))();
    for (const [cluster, alerts] of firingAlerts(await event.signals())) {
      await this.audited(
        'alertmanager-silence',
        event,
        cluster,
        async (client, created) => {
          const existing = (await client.listSilences()).filter(
            s =>
              s.status.state !== 'expired' &&
              s.comment.startsWith(marker(incident.id)),
          );
          for (const alert of alerts) {
            const matchers = matchersOf(alert.labels);
            const key = matchersKey(matchers);
            if (existing.some(s => matchersKey(s.matchers) === key)) continue;
            created.push(
              await client.createSilence({
                matchers,
                startsAt: now.toISOString(),
                endsAt: new Date(
                  now.getTime() + this.deps.durationMs,
                ).toISOString(),
                createdBy: `${CREATED_BY} (${actor})`,
                comment: `${marker(incident.id)}: ${
                  incident.title
                } — acknowledged by ${actor}${note ? `: ${note}` : ''}`,
              }),
            );
          }
        },
      );
    }
  }

  private async expire(event: IncidentTransitionEvent) {
    const { incident } = event;
    for (const [cluster] of this.deps.alertmanagers) {
      await this.audited(
        'alertmanager-unsilence',
        event,
        cluster,
        async (client, expired) => {
          const ours = (await client.listSilences()).filter(
            s =>
              s.status.state !== 'expired' &&
              s.createdBy.startsWith(CREATED_BY) &&
              s.comment.startsWith(marker(incident.id)),
          );
          for (const silence of ours) {
            await client.expireSilence(silence.id);
            expired.push(silence.id);
          }
        },
      );
    }
  }

  /**
   * Runs `work` on the cluster's Alertmanager and audits it, with the ids of
   * the silences `work` made or expired (before it failed, if it did); work
   * that did nothing and did not fail is not audited.
   */
  private async audited(
    action: string,
    event: IncidentTransitionEvent,
    cluster: string | undefined,
    work: (client: AlertmanagerClient, silenceIds: string[]) => Promise<void>,
  ) {
    const incidentId = event.incident.id;
    const client = cluster ? this.deps.alertmanagers.get(cluster) : undefined;
    if (!client) {
      this.deps.logger.warn(
        `Incident ${incidentId}: no Alertmanager is configured for cluster ${
          cluster ?? '(none)'
        }; its alerts are not silenced`,
      );
      return;
    }
    const silenceIds: string[] = [];
    let failure: Error | undefined;
    try {
      await work(client, silenceIds);
    } catch (error) {
      failure = error as Error;
      this.deps.logger.warn(`Incident ${incidentId}: ${error}`);
    }
    if (!failure && silenceIds.length === 0) return;
    try {
      await this.deps.audit.audit({
        action,
        actor: event.actor,
        target: incidentId,
        outcome: failure ? 'failed' : 'succeeded',
        meta: {
          cluster,
          silenceIds,
          ...(failure ? { reason: failure.message } : {}),
        },
      });
    } catch (error) {
      this.deps.logger.error(
        `Incident ${incidentId}: could not audit ${action} on cluster ${cluster} (silences ${
          silenceIds.join(', ') || 'none'
        })`,
        error as Error,
      );
    }
  }
}
