import { mockServices } from '@backstage/backend-test-utils';
import { RcaSeriesProvider } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { collectProvidedSeries } from './providedSeries';

const request = {
  incidentId: 'i-1',
  entities: [{ ref: 'component:default/checkout', annotations: {} }],
  signals: [],
  from: new Date(0),
  to: new Date(600_000),
};

describe('collectProvidedSeries', () => {
  it("turns the providers' series of candidates into case series, leaving out failures and other entities", async () => {
    const logger = mockServices.logger.mock();
    const providers: RcaSeriesProvider[] = [
      {
        id: 'good',
        async collect({ signal }) {
          expect(signal.aborted).toBe(false);
          return [
            {
              entityRef: 'component:default/checkout',
              metric: 'container_cpu_usage_cores',
              unit: 'cores',
              points: [
                { timestamp: 120_000, value: 2 },
                { timestamp: 60_000, value: 1 },
              ],
            },
            {
              entityRef: 'component:default/elsewhere',
              metric: 'container_cpu_usage_cores',
              points: [{ timestamp: 60_000, value: 1 }],
            },
            {
              entityRef: 'component:default/checkout',
              metric: 'empty',
              points: [],
            },
          ];
        },
      },
      {
        id: 'broken',
        async collect() {
          throw new Error('Prometheus of cluster prod is down');
        },
      },
    ];
    await expect(
      collectProvidedSeries(providers, request, logger),
    ).resolves.toEqual([
      {
        service: 'component:default/checkout',
        metric: 'container_cpu_usage_cores',
        kind: 'cpu',
        unit: 'cores',
        timestamps: [60, 120],
        values: [1, 2],
      },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'RCA of incident i-1: series provider broken failed: Error: Prometheus of cluster prod is down',
    );
  });
});
