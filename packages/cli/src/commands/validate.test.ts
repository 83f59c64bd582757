import { ValidationReport } from '@cloudops-ai/backstage-plugin-cloudops-common';
import fs from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runValidate } from './validate';

// The configuration check compiles the packages' config.d.ts (seconds).
jest.setTimeout(180_000);

const RULES = `rules:
  - id: cpu
    match: { kind: metric, name: cpu }
    condition: { type: threshold, op: '>', value: 90 }
    severity: critical
`;

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('cloudops validate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cloudops-cli-validate-'));
    await fs.writeFile(path.join(dir, 'rules.yaml'), RULES);
    await fs.writeFile(
      path.join(dir, 'package.json'),
      JSON.stringify({ dependencies: {} }),
    );
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  async function validate(
    appConfig: string,
    json = false,
    executors?: string[],
  ) {
    const file = path.join(dir, 'app-config.yaml');
    await fs.writeFile(file, appConfig);
    const out: string[] = [];
    const err: string[] = [];
    const result = await runValidate(
      { config: [file], backendDir: dir, timeoutSeconds: 20, json, executors },
      { out: line => out.push(line), err: line => err.push(line) },
    );
    return { ...result, out: out.join('\n'), err: err.join('\n') };
  }

  const database = () => `backend:
  database:
    client: better-sqlite3
    connection:
      directory: ${dir}
`;

  it('passes a sound set-up and prints the table', async () => {
    const { code, out } = await validate(`${database()}
permission:
  enabled: true
cloudops:
  readOnly: true
  rules:
    files: [rules.yaml]
`);
    expect(out).toMatch(/^STATUS\s+CHECK\s+TARGET\s+DETAIL/);
    expect(out).toMatch(/PASS\s+rules\s+\S+rules\.yaml\s+1 rule/);
    expect(out).toMatch(/PASS\s+database\s+SQLite \S+cloudops\.sqlite/);
    expect(out).toMatch(/SKIP\s+aws/);
    expect(out).toMatch(/OK: \d+ passed, 0 warnings, 0 failed, \d+ skipped/);
    expect(code).toBe(0);
  });

  it('fails, exit code 1, with each problem in the table and in --json', async () => {
    await fs.writeFile(
      path.join(dir, 'rules.yaml'),
      `${RULES}  - id: cpu\n    severity: loud\n`,
    );
    const port = await unusedPort();
    const config = `${database()}
cloudops:
  readOnly: true
  rules:
    files: [rules.yaml]
  prometheus:
    clusters:
      - name: prod
        prometheus: { url: 'http://127.0.0.1:${port}' }
  aws:
    accounts: [{ accountId: '42' }]
`;
    const table = await validate(config);
    expect(table.code).toBe(1);
    expect(table.out).toMatch(/FAIL\s+rules\s+\S+rules\.yaml\s+\d+ errors?:/);
    expect(table.out).toContain(`${path.join(dir, 'rules.yaml')}:6:`);
    expect(table.out).toMatch(
      /FAIL\s+prometheus\s+prod prometheus .*unreachable/,
    );
    expect(table.out).toMatch(/FAIL\s+aws\s+cloudops\.aws\s+.*12-digit/);
    expect(table.out).toMatch(/FAIL\s+permissions\s+.*framework is off/);
    expect(table.out).toMatch(/FAILED: .* [1-9]\d* failed/);

    const json = await validate(config, true);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as ValidationReport;
    expect(report.ok).toBe(false);
    expect(
      report.results.filter(r => r.status === 'fail').map(r => r.check),
    ).toEqual(['rules', 'aws', 'prometheus', 'permissions']);
  });

  it('checks remediation executors of rules against --executors, and says when it cannot', async () => {
    await fs.writeFile(
      path.join(dir, 'rules.yaml'),
      `${RULES}    actions:\n      - { type: remediate, executor: scaffolder, ref: template:default/x }\n`,
    );
    const config = `${database()}
cloudops:
  rules:
    files: [rules.yaml]
`;
    const rows = (report: ValidationReport) =>
      report.results.filter(r => r.check === 'rules');
    expect(rows((await validate(config)).report)).toEqual([
      expect.objectContaining({
        status: 'pass',
        detail:
          '1 rule; remediation executor ids checked for their form only (the backend checks them against its registered executors)',
      }),
    ]);
    const [row] = rows(
      (await validate(config, false, ['aws-ssm-automation'])).report,
    );
    expect(row.status).toBe('fail');
    expect(row.detail).toContain(
      'rules[0].actions[0].executor: no remediation executor "scaffolder" is registered (registered: aws-ssm-automation)',
    );
  });

  it('fails configuration against the schema, and a database it cannot reach', async () => {
    const { code, report } = await validate(`backend:
  database:
    client: pg
    connection: 'postgresql://cloudops:s3cret@127.0.0.1:${await unusedPort()}/x'
cloudops:
  readOnly: maybe
`);
    expect(code).toBe(1);
    const failed = report.results.filter(r => r.status === 'fail');
    expect(failed.map(r => r.check)).toEqual(
      expect.arrayContaining(['config', 'database']),
    );
    expect(failed.find(r => r.check === 'config')!.detail).toContain(
      '/cloudops/readOnly',
    );
    expect(failed.find(r => r.check === 'database')!.detail).toMatch(
      /^cannot connect/,
    );
    expect(JSON.stringify(report)).not.toContain('s3cret');
  });

  it('fails a configuration file it cannot read', async () => {
    const { code, report } = await validate('cloudops: [unclosed');
    expect(code).toBe(1);
    expect(report.results).toEqual([
      expect.objectContaining({
        check: 'config',
        status: 'fail',
        detail: expect.stringMatching(/^cannot load the configuration/),
      }),
    ]);
  });
});
