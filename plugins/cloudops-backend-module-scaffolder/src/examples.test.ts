import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { parseRuleFile } from '@cloudops-ai/backstage-plugin-cloudops-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SCAFFOLDER_EXECUTOR_ID } from './ScaffolderExecutor';
import { templateValues } from './templateValues';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** The templates the example catalog registers (examples/templates/templates.yaml). */
function exampleTemplates(): Map<string, Entity> {
  const dir = path.join(EXAMPLES, 'templates');
  const location = parse(
    fs.readFileSync(path.join(dir, 'templates.yaml'), 'utf8'),
  );
  return new Map(
    (location.spec.targets as string[]).map(target => {
      const entity: Entity = parse(
        fs.readFileSync(path.join(dir, target), 'utf8'),
      );
      entity.metadata.namespace ??= 'default';
      return [stringifyEntityRef(entity), entity];
    }),
  );
}

/** The example rule files, parsed. */
function exampleRules() {
  const dir = path.join(EXAMPLES, 'rules');
  return fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.yaml'))
    .map(name =>
      parseRuleFile(fs.readFileSync(path.join(dir, name), 'utf8'), name),
    );
}

describe('scaffolder remediations of the example rules', () => {
  const templates = exampleTemplates();
  const parsed = exampleRules();
  const actions = parsed.flatMap(({ rules }) =>
    rules.flatMap(rule =>
      (rule.actions ?? []).flatMap(action =>
        action.type === 'remediate' &&
        action.executor === SCAFFOLDER_EXECUTOR_ID
          ? [{ rule: rule.id, ...action }]
          : [],
      ),
    ),
  );

  it('exist, in valid files', () => {
    expect(parsed.flatMap(p => p.errors)).toEqual([]);
    expect(actions.map(a => a.rule)).toEqual(['k8s-cpu-critical']);
  });

  it.each(actions.map(a => [a.rule, a] as const))(
    '%s names a template of the example catalog and gives every value it requires',
    (_rule, action) => {
      const template = templates.get(action.ref);
      expect(template).toBeDefined();
      const { missing } = templateValues(template!, action.parameters ?? {}, {
        incidentId: '3f1c3a52-9a55-4c55-8c7e-6f3b1f0b8f11',
      });
      expect(missing).toEqual([]);
      expect(template!.metadata.annotations?.['cloudops.ai/cost-impact']).toBe(
        'neutral',
      );
    },
  );
});
