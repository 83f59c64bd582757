import { CommanderError } from 'commander';
import { errorText, ReportedFailure } from './failures';

describe('errorText', () => {
  it('leaves out what commander or the command printed already', () => {
    expect(
      errorText(new CommanderError(0, 'commander.version', '0.1.0')),
    ).toBeUndefined();
    expect(
      errorText(
        new CommanderError(1, 'commander.unknownOption', "unknown option '-x'"),
      ),
    ).toBeUndefined();
    expect(
      errorText(new ReportedFailure(2, 'cloudops.rca.malformed', 'malformed')),
    ).toBeUndefined();
  });

  it('says what any other error is', () => {
    expect(
      errorText(new CommanderError(1, 'cloudops.x', 'no configuration')),
    ).toBe('error: no configuration');
    expect(errorText(new Error('boom'))).toMatch(/^cloudops: Error: boom\n/);
  });
});
