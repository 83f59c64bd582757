import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNabCorpus, parseNabCsv, parseNabTimestamp } from './corpus';

const profiles = {
  standard: {
    CostMatrix: { tpWeight: 1, fnWeight: 1, fpWeight: 0.11, tnWeight: 1 },
  },
};

describe('NAB corpus', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nab-'));
    mkdirSync(join(dir, 'data', 'cat'), { recursive: true });
    mkdirSync(join(dir, 'labels'));
    mkdirSync(join(dir, 'config'));
    writeFileSync(
      join(dir, 'config', 'profiles.json'),
      JSON.stringify(profiles),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('parses NAB timestamps as UTC', () => {
    expect(parseNabTimestamp('2014-04-10 07:15:00')).toBe(
      Date.UTC(2014, 3, 10, 7, 15),
    );
    expect(parseNabTimestamp('2014-04-10 07:15:00.000000')).toBe(
      Date.UTC(2014, 3, 10, 7, 15),
    );
    expect(() => parseNabTimestamp('yesterday')).toThrow(
      'not a timestamp: "yesterday"',
    );
  });

  it('names the file and line of a bad row', () => {
    expect(() => parseNabCsv('time,v\n', 'a.csv')).toThrow(
      'a.csv:1: expected the header "timestamp,value"',
    );
    expect(() =>
      parseNabCsv(
        'timestamp,value\n2014-04-10 07:15:00,1\n2014-04-10,2\n',
        'a.csv',
      ),
    ).toThrow('a.csv:3: not a timestamp: "2014-04-10"');
    expect(() =>
      parseNabCsv('timestamp,value\n2014-04-10 07:15:00\n', 'a.csv'),
    ).toThrow('a.csv:2: expected "timestamp,value"');
  });

  it('loads the files the labels name, with windows and profiles', async () => {
    writeFileSync(
      join(dir, 'data', 'cat', 'a.csv'),
      'timestamp,value\n2014-04-10 07:15:00,1.5\n2014-04-10 07:20:00,2\n',
    );
    writeFileSync(
      join(dir, 'labels', 'windows.json'),
      JSON.stringify({
        'cat/a.csv': [
          ['2014-04-10 07:15:00.000000', '2014-04-10 07:20:00.000000'],
        ],
      }),
    );
    const corpus = await loadNabCorpus(dir, 'labels/windows.json');
    expect(corpus.profiles).toEqual({
      standard: { tpWeight: 1, fnWeight: 1, fpWeight: 0.11 },
    });
    expect(corpus.files).toEqual([
      {
        name: 'cat/a.csv',
        category: 'cat',
        timestamps: [
          Date.UTC(2014, 3, 10, 7, 15),
          Date.UTC(2014, 3, 10, 7, 20),
        ],
        values: [1.5, 2],
        windows: [
          {
            start: Date.UTC(2014, 3, 10, 7, 15),
            end: Date.UTC(2014, 3, 10, 7, 20),
          },
        ],
      },
    ]);
  });

  it('says which labelled file is missing', async () => {
    writeFileSync(
      join(dir, 'labels', 'windows.json'),
      JSON.stringify({ 'cat/missing.csv': [] }),
    );
    await expect(loadNabCorpus(dir, 'labels/windows.json')).rejects.toThrow(
      /names "cat\/missing.csv" but .*missing.csv cannot be read/,
    );
    await expect(loadNabCorpus(dir)).rejects.toThrow(
      /cannot read .*combined_windows.json/,
    );
  });
});
