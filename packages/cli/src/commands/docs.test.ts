import {
  CHAT_ANNOTATIONS,
  CLOUDOPS_ANNOTATIONS,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findRepoRoot } from '../repository';
import { generateDocs } from './docs';

// The configuration reference compiles the packages' config.d.ts (seconds).
jest.setTimeout(180_000);

describe('cloudops docs generate', () => {
  it('finds the committed references current (else: yarn cloudops docs generate)', async () => {
    const errors: string[] = [];
    const code = await generateDocs(
      path.join(findRepoRoot(__dirname)!, 'docs'),
      { check: true },
      { out: () => {}, err: line => errors.push(line) },
    );
    expect(errors).toEqual([]);
    expect(code).toBe(0);
  });

  it('names a stale or missing reference, and writes them', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cloudops-docs-'));
    try {
      await fs.mkdir(path.join(dir, 'reference'));
      await fs.writeFile(path.join(dir, 'reference/rules.md'), 'old\n');
      const errors: string[] = [];
      const output = { out: () => {}, err: (l: string) => errors.push(l) };
      expect(await generateDocs(dir, { check: true }, output)).toBe(1);
      expect(errors).toEqual([
        `${path.join(
          dir,
          'reference/configuration.md',
        )} is missing: run yarn cloudops docs generate`,
        `${path.join(
          dir,
          'reference/rules.md',
        )} is stale: run yarn cloudops docs generate`,
      ]);
      expect(await generateDocs(dir, { check: false }, output)).toBe(0);
      expect(await generateDocs(dir, { check: true }, output)).toBe(0);
      const config = await fs.readFile(
        path.join(dir, 'reference/configuration.md'),
        'utf8',
      );
      expect(config).toContain('| `cloudops.readOnly` | boolean |');
      // A duration's row says what it is for, too.
      expect(config).toMatch(
        /`cloudops\.signals\.retention` \| duration .*\| How long received signals are kept/,
      );
      expect(config).toMatch(
        /`cloudops\.prometheus\.clusters\[\]\.prometheus\.auth\.bearerToken` \| string \| {2}\| .*\(visibility: secret\)/,
      );
      const rules = await fs.readFile(
        path.join(dir, 'reference/rules.md'),
        'utf8',
      );
      expect(rules).toContain('| `rules[].severity` | one of `critical`');
      expect(rules).toContain('`rules[].condition.op (type: threshold)`');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the annotations reference', () => {
  it('documents every annotation CloudOps reads', async () => {
    const text = await fs.readFile(
      path.join(findRepoRoot(__dirname)!, 'docs/annotations.md'),
      'utf8',
    );
    const missing = [
      ...Object.values(CLOUDOPS_ANNOTATIONS),
      ...Object.values(CHAT_ANNOTATIONS),
    ].filter(name => !text.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
