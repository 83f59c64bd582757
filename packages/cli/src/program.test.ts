import { CommanderError } from 'commander';
import { createProgram } from './program';

describe('cloudops CLI', () => {
  function run(args: string[]) {
    let out = '';
    const program = createProgram().configureOutput({
      writeOut: text => {
        out += text;
      },
      writeErr: text => {
        out += text;
      },
    });
    let exitCode = 0;
    try {
      program.parse(['node', 'cloudops', ...args]);
    } catch (error) {
      exitCode = (error as CommanderError).exitCode;
    }
    return { out, exitCode };
  }

  it('prints help and exits 0', () => {
    const { out, exitCode } = run(['--help']);
    expect(exitCode).toBe(0);
    expect(out).toMatch(/^Usage: cloudops \[options\]/);
    expect(out).toContain('CloudOps AI for Backstage');
  });

  it('rejects an unknown command with a non-zero exit', () => {
    const { out, exitCode } = run(['no-such-command']);
    expect(exitCode).not.toBe(0);
    expect(out).toMatch(/too many arguments|unknown command/);
  });
});
