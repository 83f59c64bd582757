import { RcaCaseSeries } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SignalStore } from '../../database/SignalStore';
import { analyzeCase } from '../../rca/analyzeCase';
import { buildIncidentCase } from '../buildIncidentCase';
import { metricSeries } from '../metricSeries';
import { callNames } from '../observedEdges';
import {
  CaseAnalysis,
  CaseParts,
  RcaCompute,
  SeriesQuery,
  SeriesRead,
} from './RcaCompute';

/**
 * Reads kept at most: RCAs that run together (a batch of 20) hold one each
 * at most. Past it the oldest goes, so a caller that never releases cannot
 * grow the heap.
 */
const MAX_READS = 64;

/**
 * The RCA's reads and analyses on the thread that calls it, with the
 * series of each read kept until it is released.
 */
export class LocalRcaCompute implements RcaCompute {
  readonly offThread = false;
  private nextId = 1;
  private readonly reads = new Map<number, RcaCaseSeries[]>();

  constructor(private readonly signals: SignalStore) {}

  async readSeries(
    candidates: string[],
    query: SeriesQuery,
  ): Promise<SeriesRead> {
    const points = await this.signals.listMetricSeries(candidates, query);
    const readId = this.nextId++;
    // Only the series made from the points are kept: the points die young.
    this.reads.set(readId, metricSeries(points));
    for (const oldest of this.reads.keys()) {
      if (this.reads.size <= MAX_READS) break;
      this.reads.delete(oldest);
    }
    return { readId, calls: callNames(points) };
  }

  async analyze(readId: number, parts: CaseParts): Promise<CaseAnalysis> {
    const series = this.reads.get(readId);
    if (!series) {
      throw new Error(`RCA series read ${readId} is no longer held`);
    }
    const rcaCase = buildIncidentCase({ ...parts, metricSeries: series });
    return {
      ranking: analyzeCase(rcaCase).ranking,
      inputs: {
        series: rcaCase.series.length,
        changes: rcaCase.changes?.length ?? 0,
        graphEdges: rcaCase.graph?.length ?? 0,
      },
    };
  }

  release(readId: number): void {
    this.reads.delete(readId);
  }

  async close(): Promise<void> {
    this.reads.clear();
  }
}
