import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  describeWithBinaries,
  freePort,
  RunningServer,
  startAlertmanager,
  startPrometheus,
  tempDir,
} from '../__testUtils__/realServers';
import { prometheusValidationCheck } from './prometheusValidationCheck';

/** bcrypt (cost 4) of "stg-s3cret". */
const PASSWORD_BCRYPT =
  '$2b$04$Fc7ZtWd9kh9ftXEZCXgi5.6YoKDn3yH2KPpJzdzKLBLUuXsyRLCvq';

function run(prometheus: JsonObject) {
  return prometheusValidationCheck({
    config: new ConfigReader({ cloudops: { prometheus } }),
  }).run({ signal: new AbortController().signal });
}

describe('prometheusValidationCheck without servers', () => {
  it('fails configuration the module would refuse', async () => {
    const rows = await run({
      clusters: [{ name: 'prod', prometheus: { url: 'ftp://prom' } }],
    });
    expect(rows).toEqual([
      expect.objectContaining({
        target: 'cloudops.prometheus',
        status: 'fail',
        detail: expect.stringContaining('must be http or https'),
      }),
    ]);
  });

  it('skips when no cluster is configured', async () => {
    expect((await run({}))[0].status).toBe('skip');
  });

  it('fails a server nobody listens on', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const [row] = await run({
      clusters: [{ name: 'prod', prometheus: { url } }],
    });
    expect(row).toMatchObject({
      target: `prod prometheus ${url}`,
      status: 'fail',
    });
    expect(row.detail).toContain('is unreachable');
  });
});

describeWithBinaries(
  ['prometheus', 'alertmanager'],
  'prometheusValidationCheck against real Prometheus and Alertmanager',
  () => {
    let prometheus: RunningServer;
    let alertmanager: RunningServer;
    const cleanups: Array<() => Promise<void>> = [];

    beforeAll(async () => {
      const dir = await tempDir('validate-prom');
      cleanups.push(dir.remove);
      prometheus = await startPrometheus({
        dir: dir.dir,
        webConfig: { basic_auth_users: { cloudops: PASSWORD_BCRYPT } },
      });
      cleanups.push(prometheus.stop);
      alertmanager = await startAlertmanager({
        dir: dir.dir,
        config: 'route:\n  receiver: none\nreceivers:\n  - name: none\n',
      });
      cleanups.push(alertmanager.stop);
    });

    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('passes reachable servers that accept the credentials, with their versions', async () => {
      const rows = await run({
        clusters: [
          {
            name: 'prod',
            prometheus: {
              url: prometheus.url,
              auth: { basic: { username: 'cloudops', password: 'stg-s3cret' } },
            },
            alertmanager: { url: alertmanager.url },
          },
        ],
      });
      expect(rows).toEqual([
        expect.objectContaining({
          target: `prod prometheus ${prometheus.url}`,
          status: 'pass',
          detail: expect.stringMatching(/^reachable \(version \d+\.\d+/),
        }),
        expect.objectContaining({
          target: `prod alertmanager ${alertmanager.url}`,
          status: 'pass',
          detail: expect.stringMatching(/^reachable \(version \d+\.\d+/),
        }),
      ]);
    });

    it('fails credentials the server refuses', async () => {
      const [row] = await run({
        clusters: [
          {
            name: 'prod',
            prometheus: {
              url: prometheus.url,
              auth: { basic: { username: 'cloudops', password: 'wrong' } },
            },
          },
        ],
      });
      expect(row.status).toBe('fail');
      expect(row.detail).toMatch(
        /answered 401 .*check the configured credentials/,
      );
    });

    it('fails a URL that is not the API it should be', async () => {
      const [row] = await run({
        // Alertmanager where Prometheus should be.
        clusters: [{ name: 'prod', prometheus: { url: alertmanager.url } }],
      });
      expect(row.status).toBe('fail');
      expect(row.detail).toMatch(
        /Prometheus of cluster prod .* answered 4\d\d to GET \/api\/v1\/status\/buildinfo/,
      );
    });
  },
);
