import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkRuleSources } from './readRuleFile';

const RULES = `rules:
  - id: cpu-high
    match: { kind: alert }
    condition: { type: firing }
    severity: info
`;

describe('checkRuleSources', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-rule-sources-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a file named under several spellings once, under the first', async () => {
    const file = join(dir, 'rules.yaml');
    writeFileSync(file, RULES);
    const fromHere = relative(process.cwd(), file);
    const checked = await checkRuleSources({
      files: [fromHere, `./${fromHere}`, join(dir, '.', 'rules.yaml'), file],
    });
    expect(checked).toEqual([
      {
        source: fromHere,
        rules: [expect.objectContaining({ id: 'cpu-high' })],
        errors: [],
      },
    ]);
  });

  it('still finds the same id in two files', async () => {
    const one = join(dir, 'one.yaml');
    const two = join(dir, 'two.yaml');
    writeFileSync(one, RULES);
    writeFileSync(two, RULES);
    const checked = await checkRuleSources({ files: [one, two] });
    expect(checked.map(c => c.errors.length)).toEqual([0, 1]);
    expect(checked[1].errors[0].message).toMatch(/cpu-high/);
  });
});
