import { LoggerService } from '@backstage/backend-plugin-api';
import { RcaCaseSeries } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  RcaSeriesProvider,
  RcaSeriesRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { seriesKindOf } from './seriesKindOf';

/** How long the RCA waits for each provider. */
const PROVIDER_TIMEOUT_MS = 30_000;

/**
 * Asks every series provider for the candidates' series around an incident,
 * as RCA case series of the candidates. A provider that fails or takes too
 * long is logged and left out; the RCA goes on with what the others gave.
 */
export async function collectProvidedSeries(
  providers: RcaSeriesProvider[],
  request: Omit<RcaSeriesRequest, 'signal'>,
  logger: LoggerService,
): Promise<RcaCaseSeries[]> {
  const candidates = new Set(request.entities.map(e => e.ref));
  const answers = await Promise.all(
    providers.map(async provider => {
      try {
        return await provider.collect({
          ...request,
          signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
        });
      } catch (error) {
        logger.warn(
          `RCA of incident ${request.incidentId}: series provider ${provider.id} failed: ${error}`,
        );
        return [];
      }
    }),
  );
  return answers.flat().flatMap(series => {
    if (!candidates.has(series.entityRef) || series.points.length === 0) {
      return [];
    }
    const points = [...series.points].sort((a, b) => a.timestamp - b.timestamp);
    return [
      {
        service: series.entityRef,
        metric: series.metric,
        kind: seriesKindOf(series.metric),
        unit: series.unit,
        timestamps: points.map(p => p.timestamp / 1000),
        values: points.map(p => p.value),
      },
    ];
  });
}
