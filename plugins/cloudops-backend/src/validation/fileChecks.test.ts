import { ConfigReader } from '@backstage/config';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ruleFilesCheck } from './ruleFilesCheck';
import { runbookFilesCheck } from './runbookFilesCheck';

const signal = new AbortController().signal;
const GOOD_RULE = `rules:
  - id: cpu
    match: { kind: metric, name: cpu }
    condition: { type: threshold, op: '>', value: 90 }
    severity: critical
`;
const RUNBOOK = (id: string) => `runbooks:
  - id: ${id}
    title: Restart
    match: { faults: [cpu] }
    steps: [Restart it]
`;

describe('rule and runbook file checks', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cloudops-validate-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const rules = (cloudopsRules: object, executors?: string[]) =>
    ruleFilesCheck({
      config: new ConfigReader({ cloudops: { rules: cloudopsRules } }),
      baseDir: dir,
      executors,
    }).run({ signal });

  it('passes good rule files, relative to the backend directory', async () => {
    await fs.writeFile(path.join(dir, 'good.yaml'), GOOD_RULE);
    expect(await rules({ files: ['good.yaml'] })).toEqual([
      {
        check: 'rules',
        target: path.join(dir, 'good.yaml'),
        status: 'pass',
        detail: '1 rule',
      },
    ]);
  });

  it('fails a rule file with its file:line:column errors', async () => {
    await fs.writeFile(
      path.join(dir, 'bad.yaml'),
      `${GOOD_RULE}  - id: mem\n    match: { kind: metric }\n    severity: loud\n`,
    );
    const [row] = await rules({ files: ['bad.yaml'] });
    expect(row.status).toBe('fail');
    expect(row.detail).toMatch(/^\d+ errors?:\n/);
    expect(row.detail).toContain(`${path.join(dir, 'bad.yaml')}:6:`);
  });

  it('fails a missing file and an id repeated across sources', async () => {
    await fs.writeFile(path.join(dir, 'good.yaml'), GOOD_RULE);
    const rows = await rules({
      files: ['good.yaml', 'missing.yaml'],
      inline: [
        {
          id: 'cpu',
          match: { kind: 'metric', name: 'cpu' },
          condition: { type: 'threshold', op: '>', value: 80 },
          severity: 'high',
        },
      ],
    });
    expect(rows.map(r => [r.target, r.status])).toEqual([
      ['cloudops.rules.inline', 'pass'],
      [path.join(dir, 'good.yaml'), 'fail'],
      [path.join(dir, 'missing.yaml'), 'fail'],
    ]);
    expect(rows[1].detail).toMatch(/cpu/);
    expect(rows[2].detail).toMatch(/missing\.yaml.*(cannot read|ENOENT)/s);
  });

  it('checks remediation executors against the registered ones, or says it checked their form only', async () => {
    await fs.writeFile(
      path.join(dir, 'remediate.yaml'),
      `${GOOD_RULE}    actions:\n      - { type: remediate, executor: scaffolder, ref: template:default/x }\n`,
    );
    const file = path.join(dir, 'remediate.yaml');
    expect(await rules({ files: ['remediate.yaml'] })).toEqual([
      {
        check: 'rules',
        target: file,
        status: 'pass',
        detail:
          '1 rule; remediation executor ids checked for their form only (the backend checks them against its registered executors)',
      },
    ]);
    expect(
      (await rules({ files: ['remediate.yaml'] }, ['scaffolder']))[0].detail,
    ).toBe('1 rule');
    const [row] = await rules({ files: ['remediate.yaml'] }, ['demo']);
    expect(row.status).toBe('fail');
    expect(row.detail).toBe(
      `1 error:\n${file}:7:38: rules[0].actions[0].executor: no remediation executor "scaffolder" is registered (registered: demo); add the backend module that provides it or name a registered one`,
    );
  });

  it('warns when there are no rules at all', async () => {
    const [row] = await ruleFilesCheck({
      config: new ConfigReader({}),
      baseDir: dir,
    }).run({ signal });
    expect(row.status).toBe('warn');
  });

  const runbooks = (files: string[]) =>
    runbookFilesCheck({
      config: new ConfigReader({ cloudops: { rca: { runbooks: files } } }),
      baseDir: dir,
    }).run({ signal });

  it('passes runbook files, warns on an id defined twice, fails bad and missing files', async () => {
    await fs.writeFile(path.join(dir, 'a.yaml'), RUNBOOK('restart'));
    await fs.writeFile(path.join(dir, 'b.yaml'), RUNBOOK('restart'));
    await fs.writeFile(path.join(dir, 'bad.yaml'), 'runbooks:\n  - title: x\n');
    const rows = await runbooks(['a.yaml', 'b.yaml', 'bad.yaml', 'nope.yaml']);
    expect(rows.map(r => r.status)).toEqual(['pass', 'warn', 'fail', 'fail']);
    expect(rows[1].detail).toContain(
      `restart is already defined in ${path.join(dir, 'a.yaml')}`,
    );
    expect(rows[2].detail).toContain(`${path.join(dir, 'bad.yaml')}:2:`);
    expect(rows[3].detail).toMatch(/cannot read the file/);
  });

  it('skips when no runbook file is configured', async () => {
    expect((await runbooks([]))[0].status).toBe('skip');
  });
});
