import fs from 'node:fs';
import path from 'node:path';
import { parseRunbookFile } from './parseRunbookFile';

describe('parseRunbookFile', () => {
  it('reads the example runbooks', () => {
    const dir = path.resolve(__dirname, '../../../../examples/runbooks');
    for (const file of fs.readdirSync(dir)) {
      const parsed = parseRunbookFile(
        fs.readFileSync(path.join(dir, file), 'utf8'),
        file,
      );
      expect(parsed.errors).toEqual([]);
      expect(parsed.runbooks.length).toBeGreaterThan(0);
    }
  });

  it('says what is wrong and where: file, line and column', () => {
    const text = [
      'runbooks:',
      '  - id: Bad_Id',
      '    title: Restart',
      '    match:',
      '      faults: [cpuu]',
      '    colour: red',
      '  - id: ok',
      '  - id: ok',
      '    title: Again',
    ].join('\n');
    const { runbooks, errors } = parseRunbookFile(text, 'rb.yaml');
    expect(runbooks).toEqual([]);
    expect(
      errors.map(e => `${e.file}:${e.line}:${e.column}: ${e.message}`),
    ).toEqual([
      'rb.yaml:2:9: runbooks[0].id: must match ^[a-z0-9][a-z0-9-]*$ (got "Bad_Id")',
      'rb.yaml:5:16: runbooks[0].match.faults[0]: must be one of latency, errors, traffic, availability, cpu, memory, saturation, other, unknown (got "cpuu")',
      'rb.yaml:6:5: runbooks[0].colour: unknown property; expected one of id, title, description, url, match, steps, action',
      'rb.yaml:7:5: runbooks[1]: missing required property "title"',
    ]);
  });

  it('rejects duplicate ids and broken YAML', () => {
    const dup = parseRunbookFile(
      'runbooks:\n  - id: a\n    title: A\n  - id: a\n    title: B\n',
      'd.yaml',
    );
    expect(dup.errors).toEqual([
      {
        file: 'd.yaml',
        line: 4,
        column: 9,
        message: 'runbooks[1].id: duplicate id "a" (also runbooks[0])',
      },
    ]);
    const broken = parseRunbookFile('runbooks: [\n', 'b.yaml');
    expect(broken.errors[0]).toMatchObject({ file: 'b.yaml', line: 2 });
    expect(broken.errors[0].message).toMatch(/^invalid YAML/);
  });
});
