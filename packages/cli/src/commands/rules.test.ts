import { CommanderError } from 'commander';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProgram } from '../program';
import { validateRuleFiles } from './rules';

function rulesFile(...ids: string[]) {
  return `rules:\n${ids
    .map(
      id =>
        `  - id: ${id}\n    match: { kind: alert }\n    condition: { type: firing }\n    severity: info\n`,
    )
    .join('')}`;
}

describe('cloudops rules validate', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-rules-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, content: string) {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  }

  async function validate(files: string[], executors?: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await validateRuleFiles(
      files,
      { out: line => out.push(line), err: line => err.push(line) },
      { executors },
    );
    return { code, out, err };
  }

  const remediating = (executor: string) =>
    `${rulesFile(
      'cpu',
    )}    actions:\n      - type: remediate\n        executor: ${executor}\n        ref: template:default/cloudops-restart-deployment\n`;
  const FORM_ONLY =
    'note: remediation executor ids were checked for their form only; pass --executors with the ids your backend registers to check them';

  it('prints ok per good file and exits 0', async () => {
    const one = write('one.yaml', rulesFile('a'));
    const two = write('two.yaml', rulesFile('b', 'c'));
    expect(await validate([one, two])).toEqual({
      code: 0,
      out: [`ok  ${one} (1 rule)`, `ok  ${two} (2 rules)`],
      err: [],
    });
  });

  it('prints each error as file:line:column and exits 1', async () => {
    const good = write('good.yaml', rulesFile('a'));
    const bad = write(
      'bad.yaml',
      'rules:\n  - id: b\n    match: {}\n    condition: { type: threshold, op: "=>", value: 1, for: 5 min }\n    severity: info\n',
    );
    expect(await validate([good, bad])).toEqual({
      code: 1,
      out: [`ok  ${good} (1 rule)`],
      err: [
        `${bad}:4:39: rules[0].condition.op: must be one of >, >=, <, <=, ==, != (got "=>")`,
        `${bad}:4:60: rules[0].condition.for: must be a duration such as 30s, 5m, 1h30m, 1d or 1w (got "5 min")`,
      ],
    });
  });

  it('checks ids across the files', async () => {
    const one = write('one.yaml', rulesFile('shared'));
    const two = write('two.yaml', rulesFile('other', 'shared'));
    expect(await validate([one, two])).toEqual({
      code: 1,
      out: [`ok  ${one} (1 rule)`],
      err: [
        `${two}:6:9: rules[1].id: duplicate rule id "shared"; it is already defined at ${one}:2:9`,
      ],
    });
  });

  it('reports files it cannot read', async () => {
    const missing = join(dir, 'missing.yaml');
    expect(await validate([missing])).toEqual({
      code: 1,
      out: [],
      err: [
        `${missing}: cannot read the file: ENOENT: no such file or directory, open '${missing}'`,
      ],
    });
  });

  it('checks remediation executors against --executors, and says when it could only check their form', async () => {
    const file = write('cpu.yaml', remediating('ssm'));
    expect(await validate([file])).toEqual({
      code: 0,
      out: [`ok  ${file} (1 rule)`, FORM_ONLY],
      err: [],
    });
    expect(await validate([file], ['aws-ssm-automation', 'ssm'])).toEqual({
      code: 0,
      out: [`ok  ${file} (1 rule)`],
      err: [],
    });
    expect(await validate([file], ['scaffolder', 'demo'])).toEqual({
      code: 1,
      out: [],
      err: [
        `${file}:8:19: rules[0].actions[0].executor: no remediation executor "ssm" is registered (registered: demo, scaffolder); add the backend module that provides it or name a registered one`,
      ],
    });
  });

  it('validates a file given twice once', async () => {
    const one = write('one.yaml', rulesFile('a'));
    expect((await validate([one, one])).code).toBe(0);
  });

  describe('through the program', () => {
    let stdout: jest.SpyInstance;
    let stderr: jest.SpyInstance;

    beforeEach(() => {
      stdout = jest.spyOn(process.stdout, 'write').mockReturnValue(true);
      stderr = jest.spyOn(process.stderr, 'write').mockReturnValue(true);
    });

    afterEach(() => {
      stdout.mockRestore();
      stderr.mockRestore();
    });

    const run = (...args: string[]) =>
      createProgram().parseAsync([
        'node',
        'cloudops',
        'rules',
        'validate',
        ...args,
      ]);

    it('exits 0 for valid files', async () => {
      const one = write('one.yaml', rulesFile('a'));
      await expect(run(one)).resolves.toBeDefined();
      expect(stdout).toHaveBeenCalledWith(`ok  ${one} (1 rule)\n`);
    });

    it('exits 1 for invalid files', async () => {
      const bad = write('bad.yaml', 'rules: {}\n');
      const failure = await run(bad).catch(error => error);
      expect(failure).toBeInstanceOf(CommanderError);
      expect(failure.exitCode).toBe(1);
      expect(stderr).toHaveBeenCalledWith(
        `${bad}:1:8: rules: must be a list (got a mapping)\n`,
      );
    });

    it('takes --executors as a comma-separated list, refusing ids of the wrong form', async () => {
      const file = write('cpu.yaml', remediating('demo'));
      const failure = await run(
        '--executors',
        'scaffolder, aws-ssm-automation',
        file,
      ).catch(error => error);
      expect(failure.exitCode).toBe(1);
      expect(stderr).toHaveBeenCalledWith(
        expect.stringContaining(
          'no remediation executor "demo" is registered (registered: aws-ssm-automation, scaffolder)',
        ),
      );
      const bad = await run('--executors', 'SSM Automation', file).catch(
        error => error,
      );
      expect(bad).toBeInstanceOf(CommanderError);
      expect(bad.message).toContain(
        '--executors must be a comma-separated list of executor ids',
      );
    });

    it('exits 1 without files', async () => {
      const failure = await run().catch(error => error);
      expect(failure).toBeInstanceOf(CommanderError);
      expect(failure.exitCode).toBe(1);
      expect(failure.code).toBe('commander.missingArgument');
    });
  });
});
