import { createApiRef } from '@backstage/core-plugin-api';
import {
  DemoFleetInfo,
  DemoScenario,
  DemoScenarioKind,
  DependencyGraph,
  DetectorHealth,
  Incident,
  IncidentDetail,
  IncidentList,
  IncidentSeverity,
  IncidentState,
  IncidentStats,
  IncidentStatsGroup,
  IncidentRca,
  Opportunity,
  OpportunityDetail,
  OpportunityKind,
  OpportunityList,
  OpportunityState,
  RemediationRequest,
  SavingsReport,
  SavingsSummary,
  Signal,
  ValidationReport,
  SignalBands,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * Which incidents: every field narrows the set (server-side).
 *
 * @public
 */
export interface IncidentQuery {
  entityRef?: string;
  system?: string;
  owner?: string;
  account?: string;
  severity?: IncidentSeverity[];
  state?: IncidentState[];
  /** Opened at or after (ISO 8601). */
  from?: string;
  /** Opened before (ISO 8601). */
  to?: string;
  /** Text in the title or description. */
  q?: string;
}

/**
 * How to aggregate incident statistics.
 *
 * @public
 */
export interface StatsQuery extends IncidentQuery {
  groupBy?: IncidentStatsGroup;
  thenBy?: IncidentStatsGroup;
  groupLimit?: number;
  bucketSeconds?: number;
}

/**
 * Which savings opportunities: every field narrows the set (server-side).
 *
 * @public
 */
export interface OpportunityQuery {
  account?: string;
  /** The owning group's entity ref. */
  team?: string;
  system?: string;
  entityRef?: string;
  detector?: string;
  kind?: OpportunityKind[];
  state?: OpportunityState[];
  risk?: Array<'low' | 'medium' | 'high'>;
  sort?: 'savings' | 'risk' | 'detected';
  limit?: number;
  offset?: number;
}

/**
 * A remediation to run on an incident (`POST /incidents/{id}/remediations`).
 *
 * @public
 */
export interface RemediationInput {
  executor: string;
  ref: string;
  parameters?: Record<string, unknown>;
}

/**
 * What the CloudOps frontend asks of the CloudOps backend
 * (`plugins/cloudops-backend/src/schema/openapi.yaml`).
 *
 * @public
 */
export interface CloudopsApi {
  listIncidents(
    query: IncidentQuery & { limit?: number; offset?: number },
  ): Promise<IncidentList>;
  getIncident(id: string): Promise<IncidentDetail>;
  /**
   * The signals that formed an incident, oldest first; with `contextMinutes`,
   * also the other points of their series that long before and after.
   */
  getIncidentSignals(
    id: string,
    options?: { contextMinutes?: number; bands?: boolean },
  ): Promise<{ items: Signal[]; bands?: SignalBands }>;
  /** The incident's root-cause analysis; undefined while it has none yet. */
  getIncidentRca(id: string): Promise<IncidentRca | undefined>;
  listRemediations(
    incidentId: string,
  ): Promise<{ items: RemediationRequest[] }>;
  requestRemediation(
    incidentId: string,
    input: RemediationInput,
  ): Promise<RemediationRequest>;
  decideRemediation(
    id: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<RemediationRequest>;
  /** The remediation requests that apply a savings opportunity, newest first. */
  listOpportunityRemediations(
    opportunityId: string,
  ): Promise<{ items: RemediationRequest[] }>;
  listOpportunities(query: OpportunityQuery): Promise<OpportunityList>;
  getOpportunity(id: string): Promise<OpportunityDetail>;
  /** Records a person's move of an opportunity in its ledger. */
  transitionOpportunity(
    id: string,
    input: { to: OpportunityState; note?: string; snoozeUntil?: string },
  ): Promise<Opportunity>;
  getSavingsSummary(query: { entityRef?: string }): Promise<SavingsSummary>;
  listSavingsReports(): Promise<{ items: SavingsReport[] }>;
  /** A weekly report's file, fetched with the user's credentials. */
  downloadSavingsReport(id: string, format: 'html' | 'pdf'): Promise<Blob>;
  transitionIncident(
    id: string,
    to: IncidentState,
    note?: string,
  ): Promise<Incident>;
  addIncidentNote(id: string, text: string): Promise<Incident>;
  getStats(query: StatsQuery): Promise<IncidentStats>;
  getGraph(entityRef: string, depth?: number): Promise<DependencyGraph>;
  getDetectorHealth(): Promise<{ items: DetectorHealth[] }>;
  /** The demo fleet, or undefined when the demo module is off. */
  getDemo(): Promise<DemoFleetInfo | undefined>;
  listDemoScenarios(options?: {
    limit?: number;
  }): Promise<{ items: DemoScenario[] }>;
  startDemoScenario(scenario: {
    kind: DemoScenarioKind;
    target?: string;
  }): Promise<DemoScenario>;
  /** Runs the set-up checks (`GET /validate`). */
  getSetupHealth(): Promise<ValidationReport>;
}

/**
 * The API ref of {@link CloudopsApi}.
 *
 * @public
 */
export const cloudopsApiRef = createApiRef<CloudopsApi>({
  id: 'plugin.cloudops.service',
});
