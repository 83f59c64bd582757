import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { RunbookLibrary } from './RunbookLibrary';

describe('RunbookLibrary', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudops-runbooks-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads files again when they change and keeps the last good runbooks of a broken one', async () => {
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    fs.writeFileSync(a, 'runbooks:\n  - id: restart\n    title: Restart\n');
    fs.writeFileSync(
      b,
      'runbooks:\n  - id: restart\n    title: Again\n  - id: scale\n    title: Scale\n',
    );
    const logger = mockServices.logger.mock();
    const library = new RunbookLibrary(
      [a, b, path.join(dir, 'missing.yaml')],
      logger,
    );
    expect((await library.runbooks()).map(r => [r.id, r.title])).toEqual([
      ['restart', 'Restart'],
      ['scale', 'Scale'],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'runbook id restart is defined in another file too',
      ),
    );
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('missing.yaml: cannot read the runbook file'),
    );

    fs.writeFileSync(a, 'runbooks:\n  - id: restart\n    titel: Restart\n');
    fs.utimesSync(a, new Date(), new Date(Date.now() + 5000));
    expect((await library.runbooks()).map(r => r.id)).toEqual([
      'restart',
      'scale',
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /a\.yaml:3:5: runbooks\[0\]\.titel: unknown property/,
      ),
    );

    fs.writeFileSync(a, 'runbooks:\n  - id: drain\n    title: Drain\n');
    fs.utimesSync(a, new Date(), new Date(Date.now() + 10_000));
    expect((await library.runbooks()).map(r => r.id)).toEqual([
      'drain',
      'restart',
      'scale',
    ]);
  });
});
