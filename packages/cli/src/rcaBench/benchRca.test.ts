import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchRca } from '../commands/benchRca';
import { findRepoRoot, sharedDir } from '../repository';

jest.setTimeout(120_000);

const repoRoot = findRepoRoot(__dirname)!;
const datasets = path.join(sharedDir(repoRoot), 'datasets');
const present =
  fs.existsSync(path.join(datasets, 'rcd-sockshop')) &&
  fs.existsSync(path.join(datasets, 'nezha'));

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
        path.join(casesRoot, 'sockshop', 'sockshop-01.json'),
        'utf8',
      );
      expect(caseFile).not.toMatch(/rootCause|"label"|carts-cpu/);
      // Train Ticket cases carry the call graph derived from its source
      // (bench/rca/train-ticket-graph.json), between services it runs.
      const ttCase = JSON.parse(
        fs.readFileSync(
          path.join(casesRoot, 'nezha-tt', 'nezha-tt-001.json'),
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
