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

  async function validate(files: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await validateRuleFiles(files, {
      out: line => out.push(line),
      err: line => err.push(line),
    });
    return { code, out, err };
  }

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

    it('exits 1 without files', async () => {
      const failure = await run().catch(error => error);
      expect(failure).toBeInstanceOf(CommanderError);
      expect(failure.exitCode).toBe(1);
      expect(failure.code).toBe('commander.missingArgument');
    });
  });
});
