import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { SeriesPoint } from './detectors';

/**
 * What the RCA engine asks a series provider for one incident: the
 * candidate entities around it, where the incident's signals came from, and
 * the window around its fault time.
 *
 * @public
 */
export interface RcaSeriesRequest {
  incidentId: string;
  /** The candidate entities (the incident's and their graph neighbourhood). */
  entities: Array<{ ref: string; annotations: Record<string, string> }>;
  /** The incident's own signals: their source, account (cluster) and labels. */
  signals: Array<{
    source: string;
    account?: string;
    entityRef?: string;
    labels: Record<string, string>;
  }>;
  from: Date;
  to: Date;
  /**
   * The resolution the engine reads its own series at, in milliseconds
   * (it follows the RCA's lookback, not the incident's age); a provider
   * reads at this step too. Absent from engines that predate it.
   */
  stepMs?: number;
  signal: AbortSignal;
}

/**
 * One metric series of one candidate entity, for the RCA to measure.
 *
 * @public
 */
export interface RcaSeries {
  entityRef: string;
  /** Its name; the RCA reads its kind from it (`…cpu…` is cpu, `…restart…`, …). */
  metric: string;
  unit?: string;
  /** In time order; epoch milliseconds. */
  points: SeriesPoint[];
}

/**
 * Fetches metric series around an incident from where they live (e.g. the
 * Prometheus of the incident's cluster), in addition to the metric signals
 * the engine stored. A provider returns nothing for incidents or entities it
 * knows nothing about; a failing provider is logged and the RCA goes on.
 *
 * @public
 */
export interface RcaSeriesProvider {
  id: string;
  collect(request: RcaSeriesRequest): Promise<RcaSeries[]>;
}

/**
 * Lets modules add metric series providers to the CloudOps engine's
 * root-cause analysis.
 *
 * @public
 */
export interface CloudopsRcaSeriesExtensionPoint {
  addProvider(provider: RcaSeriesProvider): void;
}

/** @public */
export const cloudopsRcaSeriesExtensionPoint =
  createExtensionPoint<CloudopsRcaSeriesExtensionPoint>({
    id: 'cloudops.rca-series',
  });
