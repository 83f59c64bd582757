import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readPrometheusOptions } from './config';

const read = (prometheus: JsonValue) =>
  readPrometheusOptions(new ConfigReader({ cloudops: { prometheus } }));

describe('readPrometheusOptions', () => {
  it('is empty and off without configuration', () => {
    expect(readPrometheusOptions(new ConfigReader({}))).toEqual({
      clusters: [],
      query: {
        frequencyMs: 60_000,
        stepMs: 60_000,
        lookbackMs: 600_000,
        maxResponseBytes: 16 * 1024 * 1024,
        maxSeries: 10_000,
      },
      webhook: { receivers: [], maxBodyBytes: 5 * 1024 * 1024 },
      silences: { onAcknowledge: false, durationMs: 4 * 3600_000 },
      waste: { enabled: true, stepMs: 300_000, frequencyMs: undefined },
    });
  });

  it("reads the waste detectors' settings and a cluster's region", () => {
    const options = read({
      clusters: [{ name: 'prod', region: 'eu-west-1' }],
      waste: { enabled: false, step: '1m', frequency: { hours: 12 } },
    });
    expect(options.clusters[0].region).toBe('eu-west-1');
    expect(options.waste).toEqual({
      enabled: false,
      stepMs: 60_000,
      frequencyMs: 12 * 3600_000,
    });
    expect(() => read({ waste: { step: '500ms' } })).toThrow(
      'cloudops.prometheus.waste.step: must be at least 1s',
    );
  });

  it('reads clusters with their servers and credentials', () => {
    const options = read({
      clusters: [
        {
          name: 'prod',
          environment: 'production',
          prometheus: {
            url: 'https://prometheus.prod.example.com/',
            auth: { bearerToken: 't' },
            headers: { 'X-Scope-OrgID': 'shop' },
            timeout: '10s',
          },
          alertmanager: {
            url: 'https://alertmanager.prod.example.com',
            auth: { basic: { username: 'u', password: 'p' } },
          },
        },
        { name: 'dev' },
      ],
      query: { step: '30s', lookback: '1h', frequency: { minutes: 2 } },
      silences: { onAcknowledge: true, duration: '2h' },
    });
    expect(options.clusters).toEqual([
      {
        name: 'prod',
        environment: 'production',
        prometheus: {
          url: 'https://prometheus.prod.example.com',
          credentials: { type: 'bearer', token: 't' },
          headers: { 'X-Scope-OrgID': 'shop' },
          timeoutMs: 10_000,
        },
        alertmanager: {
          url: 'https://alertmanager.prod.example.com',
          credentials: { type: 'basic', username: 'u', password: 'p' },
          headers: {},
        },
      },
      {
        name: 'dev',
        environment: undefined,
        prometheus: undefined,
        alertmanager: undefined,
      },
    ]);
    expect(options.query).toMatchObject({
      stepMs: 30_000,
      lookbackMs: 3_600_000,
      frequencyMs: 120_000,
    });
    expect(options.silences).toEqual({
      onAcknowledge: true,
      durationMs: 7_200_000,
    });
  });

  it('says which setting is wrong', () => {
    expect(() =>
      read({
        clusters: [{ name: 'a', prometheus: { url: 'prometheus:9090' } }],
      }),
    ).toThrow(
      'cloudops.prometheus.clusters[0].prometheus.url: must be http or https (got prometheus:9090)',
    );
    expect(() =>
      read({ clusters: [{ name: 'a', prometheus: { url: 'not a url' } }] }),
    ).toThrow(
      'cloudops.prometheus.clusters[0].prometheus.url: not a URL: "not a url"',
    );
    expect(() => read({ clusters: [{ name: 'a' }, { name: 'a' }] })).toThrow(
      'cloudops.prometheus.clusters: "a" is named twice',
    );
    expect(() =>
      read({
        webhook: {
          receivers: [
            {
              name: 'r',
              auth: {
                bearerToken: 't',
                basic: { username: 'u', password: 'p' },
              },
            },
          ],
        },
      }),
    ).toThrow(
      'cloudops.prometheus.webhook.receivers[0].auth: give either bearerToken or basic credentials, not both',
    );
    expect(() =>
      read({ webhook: { receivers: [{ name: 'r', auth: {} }] } }),
    ).toThrow(
      'cloudops.prometheus.webhook.receivers[0].auth: give a bearerToken or basic credentials',
    );
    expect(() => read({ webhook: { receivers: [{ name: 'r' }] } })).toThrow(
      /auth/,
    );
    expect(() => read({ query: { step: '500ms' } })).toThrow(
      'cloudops.prometheus.query.step: must be at least 1s',
    );
  });

  it('refuses settings that do not go together', () => {
    expect(() =>
      read({ query: { frequency: '15m', lookback: '10m' } }),
    ).toThrow(
      'cloudops.prometheus.query.frequency: 900s is longer than cloudops.prometheus.query.lookback (600s), so the steps between two reads would never be read: read more often or look further back',
    );
    expect(read({ query: { frequency: '10m' } }).query.frequencyMs).toBe(
      600_000,
    );

    const receiver = (cluster: string) => ({
      name: 'r',
      cluster,
      auth: { bearerToken: 't' },
    });
    expect(() =>
      read({
        clusters: [{ name: 'prod' }, { name: 'dev' }],
        webhook: { receivers: [receiver('prod'), receiver('eks-prod-use1')] },
      }),
    ).toThrow(
      'cloudops.prometheus.webhook.receivers[1].cluster: "eks-prod-use1" is not a configured cluster (cloudops.prometheus.clusters: prod, dev)',
    );
    // Without clusters (the receiver alone), any cluster name goes.
    expect(
      read({ webhook: { receivers: [receiver('eks-prod-use1')] } }).webhook
        .receivers[0].cluster,
    ).toBe('eks-prod-use1');
  });
});
