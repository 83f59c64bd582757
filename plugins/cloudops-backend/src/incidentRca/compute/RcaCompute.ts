import { RcaCandidate } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { IncidentCaseInputs } from '../buildIncidentCase';

/** The window and resolution of an RCA's read of stored metric series. */
export interface SeriesQuery {
  from: Date;
  to: Date;
  stepMs: number;
  limit: number;
}

/**
 * A read of the candidates' stored metric series. The series stay where
 * the read was made, for the analyses that use them, until released.
 */
export interface SeriesRead {
  readId: number;
  /** Caller and callee names from call labels, for the catalog to resolve. */
  calls: Array<[string, string]>;
}

/** An incident case without its stored metric series (those are the read's). */
export type CaseParts = Omit<IncidentCaseInputs, 'metricSeries'>;

/** The engine's ranking of a case, and what the case held. */
export interface CaseAnalysis {
  ranking: RcaCandidate[];
  inputs: { series: number; changes: number; graphEdges: number };
}

/**
 * The CPU-heavy part of an incident's RCA: reading and shaping the metric
 * series of its candidates, and analysing the case built from them. Kept
 * apart from the rest of the run (stores, catalog, AI provider) so that it
 * can run on a worker thread with its own database connection.
 */
export interface RcaCompute {
  /**
   * Whether the reads and analyses run on another thread than the caller's
   * (whose requests and signal batches they then never hold up).
   */
  readonly offThread: boolean;
  readSeries(candidates: string[], query: SeriesQuery): Promise<SeriesRead>;
  /** Analyses `parts` with the series of a read that has not been released. */
  analyze(readId: number, parts: CaseParts): Promise<CaseAnalysis>;
  release(readId: number): void;
  /**
   * Ends it: calls in progress fail, a worker thread ends its database
   * connections and exits; local work needs nothing.
   */
  close(): Promise<void>;
}
