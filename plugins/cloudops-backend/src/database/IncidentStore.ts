import {
  Incident,
  IncidentAlertKey,
  IncidentEvent,
  IncidentEventType,
  IncidentList,
  IncidentSeverity,
  IncidentState,
  IncidentStats,
  IncidentStatsGroup,
  NewIncident,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** Filters for listing incidents and computing their statistics. */
export interface IncidentFilter {
  entityRef?: string;
  /** Incidents of this entity or whose candidate root cause it is. */
  systemRef?: string;
  ownerRef?: string;
  account?: string;
  severity?: IncidentSeverity[];
  state?: IncidentState[];
  /** Opened at or after. */
  from?: Date;
  /** Opened before. */
  to?: Date;
  /** Case-insensitive text in the title or description. */
  text?: string;
}

/** What the store needs to create an incident. */
export interface IncidentInput extends NewIncident {
  createdBy: string;
  createdAt?: Date;
  dedupKey?: string;
  ruleId?: string;
  candidateEntityRef?: string;
  systemRef?: string;
  ownerRef?: string;
  account?: string;
  labels?: Record<string, string>;
}

/** Columns that change after creation. */
export interface IncidentPatch {
  state?: IncidentState;
  severity?: IncidentSeverity;
  assignee?: string | null;
  candidateEntityRef?: string;
  acknowledgedAt?: Date;
  mitigatedAt?: Date;
  resolvedAt?: Date | null;
  /** Adds to the signal count and moves the last-signal time. */
  signals?: { count: number; lastAt: Date };
  updatedAt: Date;
}

/** A new timeline entry. */
export interface IncidentEventInput {
  type: IncidentEventType;
  actor: string;
  message: string;
  data?: Record<string, unknown>;
  createdAt: Date;
}

/** How to shape incident statistics. */
export interface StatsOptions {
  groupBy?: IncidentStatsGroup;
  /** A second group dimension (needs `groupBy`). */
  thenBy?: IncidentStatsGroup;
  /** The most groups returned, largest first (default 200). */
  groupLimit?: number;
  bucketSeconds: number;
}

/** Where incidents, their timelines and their open alert keys live. */
export interface IncidentStore {
  createIncident(input: IncidentInput): Promise<Incident>;
  getIncident(id: string): Promise<Incident | undefined>;
  listIncidents(
    filter: IncidentFilter,
    page: { limit: number; offset: number },
  ): Promise<IncidentList>;
  updateIncident(id: string, patch: IncidentPatch): Promise<Incident>;

  appendEvent(incidentId: string, event: IncidentEventInput): Promise<void>;
  getTimeline(incidentId: string): Promise<IncidentEvent[]>;

  /** The unresolved incident that holds this dedup key, if any. */
  findIncidentByOpenKey(dedupKey: string): Promise<Incident | undefined>;
  /**
   * The most recently resolved incident, resolved after `since`, that held
   * this key (opened by it or later joined by it).
   */
  findResolvedByKey(
    dedupKey: string,
    since: Date,
  ): Promise<Incident | undefined>;
  /** Unresolved incidents with an alert key on one of these entities, last seen after `since`. */
  findOpenIncidentsForEntities(
    entityRefs: string[],
    since: Date,
  ): Promise<Incident[]>;
  /**
   * Adds or refreshes an alert key of an unresolved incident. Fails with a
   * unique-key conflict when another incident holds the key (a concurrent
   * replica won), so the caller's transaction retries.
   */
  putOpenKey(incidentId: string, key: IncidentAlertKey): Promise<void>;
  getOpenKeys(incidentId: string): Promise<IncidentAlertKey[]>;
  /** The keys of unresolved incidents that a rule raised and that still fire. */
  listFiringRuleKeys(): Promise<Array<{ ruleId: string; dedupKey: string }>>;
  /** One alert key of an unresolved incident, if it holds it. */
  getOpenKey(
    incidentId: string,
    dedupKey: string,
  ): Promise<IncidentAlertKey | undefined>;
  /**
   * Forgets the open keys of an incident (it resolved), keeping them in its
   * key history for {@link IncidentStore.findResolvedByKey} and
   * {@link IncidentStore.reopenKeys}.
   */
  clearOpenKeys(incidentId: string): Promise<void>;
  /**
   * Gives a reopened incident back the keys it held when it resolved, as
   * resolved keys (held, not firing), except keys another unresolved
   * incident holds meanwhile: what recurs joins it, and what clears
   * resolves it.
   */
  reopenKeys(incidentId: string): Promise<void>;

  stats(filter: IncidentFilter, options: StatsOptions): Promise<IncidentStats>;
}
