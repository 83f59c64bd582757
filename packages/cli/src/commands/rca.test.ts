import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseFilesIn, runRcaOnFiles } from './rca';

const fault = 1_693_500_000;
const flat = (n: number, v: number) => Array.from({ length: n }, () => v);

function series(service: string, kind: string, after: number) {
  const timestamps = Array.from(
    { length: 40 },
    (_, i) => fault + (i - 20) * 10,
  );
  return {
    service,
    metric: `${service}_${kind}`,
    kind,
    timestamps,
    values: [...flat(20, 10).map((v, i) => v + (i % 3)), ...flat(20, after)],
  };
}

describe('cloudops rca', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-rca-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, content: unknown) {
    const file = join(dir, name);
    writeFileSync(
      file,
      typeof content === 'string' ? content : JSON.stringify(content),
    );
    return file;
  }

  async function run(files: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRcaOnFiles(files, {
      out: line => out.push(line),
      err: line => err.push(line),
    });
    return { code, out, err };
  }

  it('prints one ranking per case in the format, and exits 0', async () => {
    write('a.json', {
      id: 'sockshop-carts-cpu-1',
      faultTime: fault,
      graph: [['front-end', 'carts']],
      series: [series('carts', 'cpu', 95), series('front-end', 'latency', 11)],
    });
    write('b.json', { id: 'empty', faultTime: fault, series: [] });
    write('notes.txt', 'not a case');
    const { code, out, err } = await run(await caseFilesIn(dir));
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(2);
    const first = JSON.parse(out[0]);
    expect(Object.keys(first)).toEqual(['id', 'ranking']);
    expect(first.id).toBe('sockshop-carts-cpu-1');
    expect(first.ranking.map((r: any) => r.service)).toEqual([
      'carts',
      'front-end',
    ]);
    expect(Object.keys(first.ranking[0])).toEqual([
      'service',
      'score',
      'fault',
      'evidence',
    ]);
    expect(first.ranking[0].fault).toBe('cpu');
    expect(first.ranking[0].evidence[0]).toMatch(/^carts cpu \(carts_cpu\) \+/);
    expect(JSON.parse(out[1])).toEqual({ id: 'empty', ranking: [] });
  });

  it('reads a case with fields the format does not name, ignoring them', async () => {
    const file = write('extra.json', {
      id: 'extra',
      faultTime: fault,
      changes: [{ service: 'carts', at: 'yesterday' }],
      source: 'rcd',
      series: [series('carts', 'cpu', 95)],
    });
    const { code, out, err } = await run([file]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(out[0]).ranking.map((r: any) => r.service)).toEqual([
      'carts',
    ]);
  });

  it('skips a malformed case, naming the file and field, and exits 2', async () => {
    const good = write('good.json', {
      id: 'good',
      faultTime: fault,
      series: [series('carts', 'cpu', 95)],
    });
    const badField = write('bad-field.json', {
      id: 'bad',
      faultTime: fault,
      series: [{ ...series('carts', 'cpu', 95), kind: 'cpuu' }],
    });
    const notJson = write('not-json.json', '{"id": ');
    const missing = join(dir, 'missing.json');
    const { code, out, err } = await run([badField, good, notJson, missing]);
    expect(code).toBe(2);
    expect(out.map(line => JSON.parse(line).id)).toEqual(['good']);
    expect(err).toEqual([
      expect.stringMatching(
        new RegExp(`^${badField}: series\\[0\\]\\.kind: Invalid enum value`),
      ),
      expect.stringMatching(new RegExp(`^${notJson}: not JSON: `)),
      expect.stringMatching(new RegExp(`^${missing}: cannot read the file: `)),
    ]);
  });
});
