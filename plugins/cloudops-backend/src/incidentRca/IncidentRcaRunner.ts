import crypto from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CLOUDOPS_ANNOTATIONS,
  Incident,
  IncidentRca,
  RcaCandidate,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { AiNarrator } from '../ai/AiNarrator';
import { templateNarrative } from '../ai/templateNarrative';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { StoredSignal } from '../database/SignalStore';
import { describeResolution } from '../history/describeResolution';
import { findSimilarIncidents } from '../history/findSimilarIncidents';
import { incidentSignature } from '../history/incidentSignature';
import { hasEvidence } from '../rca/hasEvidence';
import { RunbookLibrary } from '../remediation/RunbookLibrary';
import { suggestRemediations } from '../remediation/suggestRemediations';
import { RcaSeriesProvider } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { SharedReads } from './SharedReads';
import { collectProvidedSeries } from './providedSeries';
import { observedEdges } from './observedEdges';
import { RcaCompute } from './compute/RcaCompute';
import { LocalRcaCompute } from './compute/LocalRcaCompute';
import { faultTimeOf } from '../incidents/faultTime';
import { ForegroundWork } from '../scheduling/ForegroundWork';
import { ENGINE_ACTOR } from '../audit/engineActor';

/** How far an incident's RCA looks (from `cloudops.rca.*`). */
export interface IncidentRcaOptions {
  /** Metric history before the fault time. */
  lookbackMs: number;
  /** Changes this long before the fault time count. */
  changeWindowMs: number;
  /** Graph hops around the incident's entities that are candidates. */
  hops: number;
  /** At most this many candidates. */
  maxServices: number;
  /** At most this many metric datapoints. */
  maxPoints: number;
}

/**
 * Stored metric series are read at most this many points each over the
 * lookback before the fault (1h of lookback: one point per 15 s, a usual
 * scrape interval), so an RCA's read does not grow with how often the series
 * are sampled. The step follows the lookback, not the time since the fault:
 * an incident analysed long after it happened (a backfill, a source whose
 * clock lags) keeps the resolution of its fault.
 */
const POINTS_PER_SERIES = 240;
const MIN_STEP_MS = 1000;
/** Similar incidents are looked for among this many most recently resolved. */
const PAST_RCAS = 500;

/** `a, b, c` from an annotation such as `cloudops.ai/runbook`. */
function splitLinks(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * Runs the root-cause analysis of one live incident: gathers its alerts, the
 * metric series and changes of the services around it and the dependency
 * graph; ranks the candidates; adds its signature, similar past incidents
 * and remediation suggestions; narrates it (the AI provider, or a template);
 * and stores it with the incident, in its timeline and audit log.
 */
export class IncidentRcaRunner {
  private readonly foreground: ForegroundWork;
  private readonly compute: RcaCompute;

  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      catalog: CatalogSnapshot;
      changes: AuditedChanges;
      runbooks: RunbookLibrary;
      narrator?: AiNarrator;
      logger: LoggerService;
      options: IncidentRcaOptions;
      /** Providers of metric series beyond the stored signals (Prometheus, …). */
      seriesProviders?: RcaSeriesProvider[];
      /** Ingestion, which the analysis waits for to be idle (for a bounded time). */
      foreground?: ForegroundWork;
      /**
       * Where the series are read and the case analysed; by default on this
       * thread, through the database's signal store.
       */
      compute?: RcaCompute;
    },
  ) {
    this.foreground = deps.foreground ?? new ForegroundWork();
    this.compute =
      deps.compute ?? new LocalRcaCompute(deps.database.stores.signals);
  }

  /**
   * Analyses the incident unless nothing it would look at changed since its
   * last RCA, or it is resolved and has one (an incident that resolved
   * before it was ever analysed — a short one, or one from a source's
   * backfill — gets its analysis for the review). Returns the new RCA, if
   * one was made.
   */
  async run(
    incidentId: string,
    now = new Date(),
    reads?: SharedReads,
  ): Promise<IncidentRca | undefined> {
    if (reads) return this.runWith(incidentId, now, reads);
    const own = new SharedReads();
    try {
      return await this.runWith(incidentId, now, own);
    } finally {
      own.close();
    }
  }

  private async runWith(
    incidentId: string,
    now: Date,
    reads: SharedReads,
  ): Promise<IncidentRca | undefined> {
    const { database, catalog, options } = this.deps;
    const { incidents, signals, rca: rcaStore } = database.stores;
    const incident = await incidents.getIncident(incidentId);
    if (!incident) return undefined;
    const latest = await rcaStore.getLatestRca(incidentId);
    if (incident.state === 'resolved' && latest) return undefined;
    const [keys, incidentSignals] = await Promise.all([
      incidents.getOpenKeys(incidentId),
      signals.listForIncident(incidentId, 5000),
    ]);

    const involved = new Set<string>();
    for (const ref of [
      incident.entityRef,
      incident.candidateEntityRef,
      ...keys.map(k => k.entityRef),
      ...incidentSignals.map(s => s.entityRef),
    ]) {
      if (ref) involved.add(ref);
    }
    const services = new Set<string>(involved);
    for (const ref of involved) {
      for (const near of catalog.graph.neighbourhood(ref, options.hops)) {
        if (services.size >= options.maxServices) break;
        services.add(near);
      }
    }
    const candidates = [...services].sort();
    const basis = crypto
      .createHash('sha256')
      .update(
        JSON.stringify({
          candidates,
          keys: keys.map(k => [k.dedupKey, k.status]).sort(),
          signals: incident.signalCount,
        }),
      )
      .digest('hex');
    if (latest?.basis === basis) return undefined;

    const faultTime = faultTimeOf(incident, incidentSignals);
    const stepMs = Math.max(
      MIN_STEP_MS,
      Math.ceil(options.lookbackMs / POINTS_PER_SERIES),
    );
    // The window in whole steps (the points are per step anyway), so RCAs
    // run together whose faults fall in one step share one read.
    const from = new Date(
      Math.floor((faultTime.getTime() - options.lookbackMs) / stepMs) * stepMs,
    );
    const to = new Date(Math.ceil((now.getTime() + 1000) / stepMs) * stepMs);
    const metricsQuery = { from, to, stepMs, limit: options.maxPoints };
    const [metrics, events, providedSeries] = await Promise.all([
      reads.read(
        ['metrics', candidates, metricsQuery],
        () => this.compute.readSeries(candidates, metricsQuery),
        read => this.compute.release(read.readId),
      ),
      signals.listForEntities(candidates, {
        kinds: ['event'],
        from: new Date(faultTime.getTime() - options.changeWindowMs),
        to: new Date(now.getTime() + 1000),
        limit: 1000,
      }),
      collectProvidedSeries(
        this.deps.seriesProviders ?? [],
        {
          incidentId,
          entities: candidates.map(ref => ({
            ref,
            annotations:
              catalog.index.get(ref)?.entity.metadata.annotations ?? {},
          })),
          signals: incidentSignals.map(s => ({
            source: s.source,
            account: s.account,
            entityRef: s.entityRef,
            labels: s.labels,
          })),
          from,
          to: now,
          stepMs,
        },
        this.deps.logger,
      ),
    ]);
    // On this thread, the read and the analysis each hold it (SQLite reads
    // are synchronous): requests waiting for it, and signal batches being
    // committed, go between them. On a worker thread they hold nothing here.
    if (!this.compute.offThread) await this.foreground.idle();
    const analysis = await this.compute.analyze(metrics.readId, {
      incidentId,
      symptom: incident.entityRef,
      faultTime,
      now,
      services: candidates,
      edges: this.edges(
        candidates,
        observedEdges(metrics.calls, this.resolver(candidates)),
      ),
      alerts: incidentSignals.filter(s => s.kind === 'alert'),
      events,
      providedSeries,
    });
    const engineRanking = analysis.ranking;

    const alerts = [
      ...new Set([
        ...incidentSignals.filter(s => s.kind === 'alert').map(s => s.name),
        ...keys.flatMap(k => (k.ruleId ? [k.ruleId] : [])),
      ]),
    ].sort();
    const signature = incidentSignature({
      ranking: engineRanking,
      alerts,
      systemRef: incident.systemRef,
    });
    const library = await this.deps.runbooks.runbooks();
    const past = await reads.read(['resolved-rcas'], () =>
      rcaStore.listResolvedRcas({ limit: PAST_RCAS + 1 }),
    );
    const similar = await findSimilarIncidents(
      signature.tokens,
      past.filter(p => p.incidentId !== incidentId).slice(0, PAST_RCAS),
      id => this.resolutionOf(id, new Map(library.map(r => [r.id, r.title]))),
    );
    const remediations = suggestRemediations(library, {
      ranking: engineRanking,
      alerts,
      links: this.runbookLinks(engineRanking),
      stats: await database.stores.remediationLearning.getStats(signature.key),
    });

    let ranking = engineRanking;
    let narrative: string | undefined;
    let ai: IncidentRca['ai'];
    if (this.deps.narrator) {
      const narration = await this.deps.narrator.narrate(
        {
          incident: {
            title: incident.title,
            severity: incident.severity,
            entityRef: incident.entityRef,
          },
          faultTime: faultTime.toISOString(),
          candidates: engineRanking.slice(0, 10).map(c => ({
            service: c.service,
            score: c.score,
            fault: c.fault,
            evidence: c.evidence,
            hasEvidence: hasEvidence(c),
          })),
          similar: similar.map(s => ({
            title: s.title,
            similarity: s.similarity,
            resolution: s.resolution,
          })),
          remediations: remediations.map(r => ({
            title: r.title,
            successRate: r.successRate,
            uses: r.uses,
          })),
          messages: this.messages(incidentSignals),
        },
        engineRanking,
      );
      ranking = narration.ranking;
      narrative = narration.summary;
      ai = narration.report;
    }

    const result: Omit<IncidentRca, 'revision'> = {
      incidentId,
      createdAt: now.toISOString(),
      trigger: latest ? 'grew' : 'opened',
      faultTime: faultTime.toISOString(),
      ranking,
      signature: signature.tokens,
      signatureKey: signature.key,
      narrative:
        narrative ?? templateNarrative({ ranking, similar, remediations }),
      narrativeSource: narrative ? 'ai' : 'template',
      similar,
      remediations,
      ai,
      inputs: { services: candidates.length, ...analysis.inputs },
    };
    return this.store(incident, result, basis);
  }

  private async store(
    incident: Incident,
    result: Omit<IncidentRca, 'revision'>,
    basis: string,
  ): Promise<IncidentRca> {
    const top = result.ranking.find(hasEvidence);
    return this.deps.changes.run(
      {
        action: 'incident-rca',
        actor: ENGINE_ACTOR,
        target: incident.id,
        meta: {
          trigger: result.trigger,
          ...(result.ai
            ? {
                aiProvider: result.ai.provider,
                aiOutcome: result.ai.outcome,
                aiInputTokens: result.ai.inputTokens,
                aiOutputTokens: result.ai.outputTokens,
              }
            : {}),
        },
      },
      async stores => {
        const stored = await stores.rca.saveRca(result, basis);
        await stores.incidents.appendEvent(incident.id, {
          type: 'rca',
          actor: ENGINE_ACTOR,
          message: top
            ? `Root-cause analysis #${stored.revision}: ${
                top.service
              } most likely (${top.fault}, score ${top.score.toFixed(2)})`
            : `Root-cause analysis #${stored.revision}: no service shows evidence yet`,
          data: {
            revision: stored.revision,
            trigger: stored.trigger,
            top: stored.ranking.slice(0, 3).map(c => ({
              service: c.service,
              fault: c.fault,
              score: c.score,
            })),
          },
          createdAt: new Date(result.createdAt),
        });
        return stored;
      },
      stored => ({ revision: stored.revision }),
    );
  }

  /** Catalog edges among the candidates, plus `observed` ones. */
  private edges(
    candidates: string[],
    observed: Array<[string, string]>,
  ): Array<[string, string]> {
    const { graph } = this.deps.catalog;
    const within = new Set(candidates);
    const edges = new Map<string, [string, string]>();
    for (const from of candidates) {
      for (const to of graph.dependencies(from)) {
        if (within.has(to)) edges.set(`${from}\u0000${to}`, [from, to]);
      }
    }
    for (const edge of observed) edges.set(edge.join('\u0000'), edge);
    return [...edges.values()];
  }

  /** The candidate an app name in metric labels is, if any. */
  private resolver(candidates: string[]): (name: string) => string | undefined {
    const within = new Set(candidates);
    return name => {
      const ref = this.deps.catalog.index.resolve({
        kind: 'metric',
        name: '',
        labels: { app: name },
      })?.ref;
      return ref && within.has(ref) ? ref : undefined;
    };
  }

  /** `cloudops.ai/runbook` values of the top candidates. */
  private runbookLinks(ranking: RcaCandidate[]): Map<string, string[]> {
    const links = new Map<string, string[]>();
    for (const candidate of ranking.slice(0, 3)) {
      const annotations =
        this.deps.catalog.index.get(candidate.service)?.entity.metadata
          .annotations ?? {};
      const values = splitLinks(annotations[CLOUDOPS_ANNOTATIONS.runbook]);
      if (values.length) links.set(candidate.service, values);
    }
    return links;
  }

  /** What resolved a past incident (see {@link describeResolution}). */
  private async resolutionOf(
    incidentId: string,
    titles: ReadonlyMap<string, string>,
  ): Promise<string[]> {
    const { incidents, remediationLearning } = this.deps.database.stores;
    const [actions, timeline] = await Promise.all([
      remediationLearning.listActions(incidentId),
      incidents.getTimeline(incidentId),
    ]);
    return describeResolution(actions, timeline, titles);
  }

  /** The texts of the incident's signals (alert summaries, event details). */
  private messages(signals: StoredSignal[]): string[] {
    return [
      ...new Set(
        signals.flatMap(s => (s.message ? [`${s.name}: ${s.message}`] : [])),
      ),
    ].slice(0, 20);
  }
}
