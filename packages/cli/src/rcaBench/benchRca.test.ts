import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchRca } from '../commands/benchRca';
import { findRepoRoot, sharedDir } from '../repository';
import { TIES_NOTE } from './accuracy';

jest.setTimeout(120_000);

const repoRoot = findRepoRoot(__dirname)!;
const datasets = path.join(sharedDir(repoRoot), 'datasets');
const present =
  fs.existsSync(path.join(datasets, 'rcd-sockshop')) &&
  fs.existsSync(path.join(datasets, 'nezha'));

/**
 * A stand-in for `bench/rca/convert-sockshop.mjs`: `--limit` cases (three
 * without) of two candidates with no series, so nothing separates them; the
 * label names the first in name order.
 */
const FAKE_CONVERTER = `
import fs from 'node:fs';
import path from 'node:path';
const args = process.argv.slice(2);
const arg = name => args[args.indexOf(name) + 1];
const count = args.includes('--limit') ? Number(arg('--limit')) : 3;
const dir = path.join(arg('--out'), 'sockshop');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const labels = [];
for (let i = 1; i <= count; i++) {
  const id = 'case-' + i;
  const rcaCase = { id, faultTime: 1000, services: ['a-svc', 'b-svc'], series: [] };
  fs.writeFileSync(path.join(dir, id + '.json'), JSON.stringify(rcaCase));
  labels.push(JSON.stringify({ id, rootCause: 'a-svc', fault: 'cpu', visible: true }));
}
fs.writeFileSync(path.join(dir, 'labels.jsonl'), labels.join('\\n') + '\\n');
`;

describe('cloudops bench rca (with a stand-in converter)', () => {
  let fakeRepo: string;

  beforeEach(() => {
    fakeRepo = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudops-rca-repo-'));
    fs.mkdirSync(path.join(fakeRepo, 'bench/rca'), { recursive: true });
    fs.writeFileSync(
      path.join(fakeRepo, 'bench/rca/convert-sockshop.mjs'),
      FAKE_CONVERTER,
    );
  });

  afterEach(() => {
    fs.rmSync(fakeRepo, { recursive: true, force: true });
  });

  const run = (options: { limit?: number }) => {
    const out: string[] = [];
    return benchRca(
      {
        repoRoot: fakeRepo,
        casesRoot: path.join(fakeRepo, 'cases'),
        datasets: ['sockshop'],
        convert: false,
        repeat: 1,
        scale: false,
        ...options,
      },
      { out: line => out.push(line), err: () => {} },
    ).then(figures => ({ figures, out: out.join('\n') }));
  };

  it('keeps a limited conversion apart from the whole one', async () => {
    expect((await run({})).figures[0].outcomes).toHaveLength(3);
    expect((await run({ limit: 1 })).figures[0].outcomes).toHaveLength(1);
    expect(
      fs.existsSync(path.join(fakeRepo, 'cases/first-1/sockshop/labels.jsonl')),
    ).toBe(true);
    // A later run without a limit still scores every case.
    expect((await run({})).figures[0].outcomes).toHaveLength(3);
  });

  it('counts a root cause tied with others at the last of their places, and says so', async () => {
    const { figures, out } = await run({});
    expect(figures[0].outcomes.map(o => o.rank)).toEqual([2, 2, 2]);
    expect(out).toContain(TIES_NOTE);
    expect(out).toMatch(/^all +3 +0\.000 +1\.000 +0\.800$/m);
  });
});

if (!present) {
  // A user's clone has no shared datasets: say so rather than pass silently.
  // eslint-disable-next-line no-console
  console.warn(
    `RCA benchmark smoke test skipped: no datasets at ${datasets} (set CLOUDOPS_SHARED_DIR)`,
  );
}

(present ? describe : describe.skip)(
  'cloudops bench rca (smoke, a subset)',
  () => {
    let casesRoot: string;

    beforeAll(() => {
      casesRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudops-rca-cases-'));
    });

    afterAll(() => {
      fs.rmSync(casesRoot, { recursive: true, force: true });
    });

    it('converts a few cases of each dataset and scores them', async () => {
      const out: string[] = [];
      const figures = await benchRca(
        {
          repoRoot,
          casesRoot,
          datasets: ['sockshop', 'nezha-ob', 'nezha-tt'],
          convert: true,
          limit: 6,
          repeat: 1,
          scale: false,
        },
        { out: line => out.push(line), err: () => {} },
      );
      expect(figures.map(f => [f.dataset, f.outcomes.length])).toEqual([
        ['sockshop', 6],
        ['nezha-ob', 6],
        ['nezha-tt', 6],
      ]);
      // The converters never put the answer in a case.
      const caseFile = fs.readFileSync(
        path.join(casesRoot, 'first-6', 'sockshop', 'sockshop-01.json'),
        'utf8',
      );
      expect(caseFile).not.toMatch(/rootCause|"label"|carts-cpu/);
      // Train Ticket cases carry the call graph derived from its source
      // (bench/rca/train-ticket-graph.json), between services it runs.
      const ttCase = JSON.parse(
        fs.readFileSync(
          path.join(casesRoot, 'first-6', 'nezha-tt', 'nezha-tt-001.json'),
          'utf8',
        ),
      ) as { services: string[]; graph?: Array<[string, string]> };
      expect(ttCase.graph).toContainEqual([
        'ts-preserve-service',
        'ts-contacts-service',
      ]);
      expect(ttCase.graph!.flat().every(s => ttCase.services.includes(s))).toBe(
        true,
      );
      // Sock Shop's first cases (carts, CPU hog) are found first.
      const sockshop = figures[0].outcomes;
      expect(sockshop.filter(o => o.rank === 1).length).toBeGreaterThanOrEqual(
        5,
      );
      expect(out.join('\n')).toMatch(/^sockshop +cases +AC@1 +AC@3 +Avg@5$/m);
      expect(out.join('\n')).toMatch(/^nezha \(OB \+ TT\)/m);
      expect(figures.every(f => f.casesPerSecond > 0)).toBe(true);
    });
  },
);
