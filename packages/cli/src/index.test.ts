import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(120_000);

const BIN = join(__dirname, '../bin/cloudops');

/** The `cloudops` command as a user runs it: its own process, from `cwd`. */
function cloudops(args: string[], cwd = process.cwd()) {
  const { status, stdout, stderr } = spawnSync(
    process.execPath,
    [BIN, ...args],
    {
      cwd,
      encoding: 'utf8',
    },
  );
  return { status, stdout, stderr };
}

describe('the cloudops command, run as a process', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-cli-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('says why it refuses an option value, exit 1', () => {
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, 'rules: []\n');
    const executors = cloudops([
      'rules',
      'validate',
      '--executors',
      'BAD ID',
      rules,
    ]);
    expect(executors.status).toBe(1);
    expect(executors.stderr).toContain(
      `error: option '--executors <ids>' argument 'BAD ID' is invalid. --executors must be a comma-separated list of executor ids`,
    );
    const timeout = cloudops(['validate', '--timeout', '0']);
    expect(timeout.status).toBe(1);
    expect(timeout.stderr).toContain(
      `error: option '--timeout <seconds>' argument '0' is invalid. Expected a number above 0.`,
    );
    const bench = cloudops(['bench', 'rca', '--repeat', '0']);
    expect(bench.status).toBe(1);
    expect(bench.stderr).toContain(
      `error: option '--repeat <n>' argument '0' is invalid. Expected a positive whole number.`,
    );
    expect(bench.stdout).toBe('');
  });

  it('says what is missing when it cannot start, exit 1', () => {
    const outside = cloudops(['validate'], dir);
    expect(outside.status).toBe(1);
    expect(outside.stderr).toBe(
      `error: no configuration: give --config files (no app-config.yaml in ${dir})\n`,
    );
  });

  it('adds nothing to a report that already says what failed', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'rules: {}\n');
    const { status, stderr } = cloudops(['rules', 'validate', bad]);
    expect(status).toBe(1);
    expect(stderr).toBe(`${bad}:1:8: rules: must be a list (got a mapping)\n`);
  });
});
