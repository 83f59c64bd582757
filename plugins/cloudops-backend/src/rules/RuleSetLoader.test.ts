import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader, JsonObject } from '@backstage/config';
import { formatRuleError } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { RuleSetLoader } from './RuleSetLoader';

/** A rules file with one firing rule per id. */
function rulesFile(...ids: string[]) {
  return `rules:\n${ids
    .map(
      id =>
        `  - id: ${id}\n    match: { kind: alert }\n    condition: { type: firing }\n    severity: info\n`,
    )
    .join('')}`;
}

const BAD =
  'rules:\n  - id: broken\n    match: {}\n    condition: { type: firing }\n    severity: dire\n';

describe('RuleSetLoader', () => {
  const dir = createMockDirectory();
  const logger = mockServices.logger.mock();
  let loaders: RuleSetLoader[] = [];

  beforeEach(() => {
    dir.clear();
    jest.clearAllMocks();
  });

  afterEach(async () => {
    await Promise.all(loaders.map(loader => loader.close()));
    loaders = [];
  });

  async function load(
    rules: JsonObject,
    pollIntervalMs?: number,
    executors?: string[],
  ) {
    const loader = await RuleSetLoader.create({
      config: new ConfigReader({
        cloudops: { rules: { watch: false, ...rules } },
      }),
      logger,
      pollIntervalMs,
      executors,
    });
    loaders.push(loader);
    return loader;
  }

  const ids = (loader: RuleSetLoader) => loader.getRules().map(r => r.id);
  const errors = (loader: RuleSetLoader) =>
    loader.getErrors().map(formatRuleError);

  it('loads the inline rules and every file, in that order', async () => {
    dir.setContent({
      'a.yaml': rulesFile('a1', 'a2'),
      'b.yaml': rulesFile('b1'),
    });
    const loader = await load({
      files: [dir.resolve('a.yaml'), dir.resolve('b.yaml')],
      inline: [
        {
          id: 'inline',
          match: {},
          condition: { type: 'firing' },
          severity: 'high',
        },
      ],
    });
    expect(ids(loader)).toEqual(['inline', 'a1', 'a2', 'b1']);
    expect(loader.getErrors()).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      'Loaded 4 rules from 2 files and configuration',
    );
  });

  it('resolves relative paths against the working directory', async () => {
    dir.setContent({ 'rules/a.yaml': rulesFile('a1') });
    const cwd = jest.spyOn(process, 'cwd').mockReturnValue(dir.path);
    try {
      const loader = await load({ files: ['rules/a.yaml'] });
      expect(ids(loader)).toEqual(['a1']);
    } finally {
      cwd.mockRestore();
    }
  });

  it('loads the other files when one is bad on first load, and reports where', async () => {
    dir.setContent({ 'good.yaml': rulesFile('good'), 'bad.yaml': BAD });
    const bad = dir.resolve('bad.yaml');
    const loader = await load({ files: [bad, dir.resolve('good.yaml')] });
    expect(ids(loader)).toEqual(['good']);
    expect(errors(loader)).toEqual([
      `${bad}:5:15: rules[0].severity: must be one of critical, high, warning, info (got "dire")`,
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      `Rules file ${bad} has 1 error; it contributes no rules:\n${bad}:5:15: rules[0].severity: must be one of critical, high, warning, info (got "dire")`,
    );
  });

  it("keeps a file's last good rules after a bad edit, until it is fixed", async () => {
    dir.setContent({ 'a.yaml': rulesFile('a1', 'a2') });
    const file = dir.resolve('a.yaml');
    const loader = await load({ files: [file] });
    const good = loader.getRules();
    const changes = jest.fn();
    loader.onChange(changes);

    dir.addContent({ 'a.yaml': 'rules:\n  - id: a1\n    match: [\n' });
    await loader.reload();
    expect(loader.getRules()).toBe(good);
    expect(errors(loader)).toEqual([
      `${file}:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      `Rules file ${file} has 1 error; keeping its last good 2 rules:\n${file}:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    );
    expect(changes).not.toHaveBeenCalled();

    dir.addContent({ 'a.yaml': rulesFile('a3') });
    await loader.reload();
    expect(ids(loader)).toEqual(['a3']);
    expect(loader.getErrors()).toEqual([]);
    expect(changes).toHaveBeenCalledTimes(1);
    expect(changes).toHaveBeenCalledWith(loader.getRules());
  });

  it('keeps the last good rules of a file that disappears', async () => {
    dir.setContent({ 'a.yaml': rulesFile('a1') });
    const file = dir.resolve('a.yaml');
    const loader = await load({ files: [file] });
    dir.clear();
    await loader.reload();
    expect(ids(loader)).toEqual(['a1']);
    expect(errors(loader)).toEqual([
      `${file}: cannot read the file: ENOENT: no such file or directory, open '${file}'`,
    ]);
  });

  it('leaves out a rule whose id another source defined first, naming both places', async () => {
    dir.setContent({
      'a.yaml': rulesFile('shared', 'a-only'),
      'b.yaml': rulesFile('b-only', 'shared'),
    });
    const a = dir.resolve('a.yaml');
    const b = dir.resolve('b.yaml');
    const loader = await load({
      files: [a, b],
      inline: [
        {
          id: 'a-only',
          match: {},
          condition: { type: 'firing' },
          severity: 'high',
        },
      ],
    });
    expect(ids(loader)).toEqual(['a-only', 'shared', 'b-only']);
    expect(errors(loader)).toEqual([
      `${a}:6:9: rules[1].id: duplicate rule id "a-only"; it is already defined at config cloudops.rules.inline[0].id`,
      `${b}:6:9: rules[1].id: duplicate rule id "shared"; it is already defined at ${a}:2:9`,
    ]);
  });

  it('reports invalid inline rules and loads the files', async () => {
    dir.setContent({ 'a.yaml': rulesFile('a1') });
    const loader = await load({
      files: [dir.resolve('a.yaml')],
      inline: [{ id: 'x', match: {}, condition: { type: 'firing' } }],
    });
    expect(ids(loader)).toEqual(['a1']);
    expect(errors(loader)).toEqual([
      'config: cloudops.rules.inline[0]: missing required property "severity"',
    ]);
  });

  it('refuses remediate actions naming an unregistered executor, keeping the last good rules', async () => {
    const remediating = (executor: string) =>
      `${rulesFile(
        'cpu',
      )}    actions:\n      - type: remediate\n        executor: ${executor}\n        ref: template:default/cloudops-restart-deployment\n`;
    dir.setContent({ 'a.yaml': remediating('scaffolder') });
    const file = dir.resolve('a.yaml');
    const executors = ['aws-ssm-automation', 'scaffolder'];
    const inline = [
      {
        id: 'inline',
        match: {},
        condition: { type: 'firing' },
        severity: 'high',
        actions: [{ type: 'remediate', executor: 'demo', ref: 'restart' }],
      },
    ];
    const loader = await load({ files: [file], inline }, undefined, executors);
    expect(ids(loader)).toEqual(['cpu']);
    const message =
      'no remediation executor "demo" is registered (registered: aws-ssm-automation, scaffolder); add the backend module that provides it or name a registered one';
    expect(errors(loader)).toEqual([
      `config: cloudops.rules.inline[0].actions[0].executor: ${message}`,
    ]);

    dir.addContent({ 'a.yaml': remediating('demo') });
    await loader.reload();
    expect(ids(loader)).toEqual(['cpu']);
    expect(loader.getRules()[0].actions).toEqual([
      expect.objectContaining({ executor: 'scaffolder' }),
    ]);
    expect(errors(loader)).toEqual([
      `config: cloudops.rules.inline[0].actions[0].executor: ${message}`,
      `${file}:8:19: rules[0].actions[0].executor: ${message}`,
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      `Rules file ${file} has 1 error; keeping its last good 1 rule:\n${file}:8:19: rules[0].actions[0].executor: ${message}`,
    );
  });

  it('tells listeners about changes only, until they unsubscribe', async () => {
    dir.setContent({ 'a.yaml': rulesFile('a1') });
    const loader = await load({ files: [dir.resolve('a.yaml')] });
    const listener = jest.fn();
    const unsubscribe = loader.onChange(listener);
    await loader.reload();
    expect(listener).not.toHaveBeenCalled();
    dir.addContent({ 'a.yaml': rulesFile('a2') });
    await loader.reload();
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    dir.addContent({ 'a.yaml': rulesFile('a3') });
    await loader.reload();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ids(loader)).toEqual(['a3']);
  });

  it('re-reads a watched file when it changes, and stops on close', async () => {
    dir.setContent({ 'a.yaml': rulesFile('a1') });
    const loader = await load(
      { files: [dir.resolve('a.yaml')], watch: true },
      20,
    );
    const changed = new Promise<string[]>(resolve =>
      loader.onChange(rules => resolve(rules.map(r => r.id))),
    );
    // File times have a coarse clock: let it tick so the edit changes mtime.
    await new Promise(resolve => setTimeout(resolve, 100));
    dir.addContent({ 'a.yaml': rulesFile('a2', 'a3') });
    expect(await changed).toEqual(['a2', 'a3']);

    await loader.close();
    dir.addContent({ 'a.yaml': rulesFile('a4') });
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(ids(loader)).toEqual(['a2', 'a3']);
  }, 20_000);

  it('starts without files or inline rules', async () => {
    const loader = await RuleSetLoader.create({
      config: new ConfigReader({}),
      logger,
    });
    loaders.push(loader);
    expect(loader.getRules()).toEqual([]);
    expect(loader.getErrors()).toEqual([]);
  });

  it('does not watch when watching is off', async () => {
    dir.setContent({ 'a.yaml': rulesFile('a1') });
    const loader = await load({ files: [dir.resolve('a.yaml')] }, 20);
    dir.addContent({ 'a.yaml': rulesFile('a2') });
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(ids(loader)).toEqual(['a1']);
  });
});
