import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { mockCredentials } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { Validator } from 'jsonschema';
import { parse } from 'yaml';

/**
 * An action's example steps, with `${{ … }}` expressions filled from
 * `values`, each checked against the action's real input schema (the JSON
 * Schema the scaffolder validates with) and returned for running.
 */
export function exampleInputs(
  action: TemplateAction<any, any, any>,
  values: Record<string, unknown>,
): Array<{ description: string; input: JsonObject }> {
  return (action.examples ?? []).map(({ description, example }) => {
    const rendered = example.replace(
      /\$\{\{\s*([\w.]+)\s*\}\}/g,
      (_, name: string) => {
        if (!(name in values)) {
          throw new Error(
            `Example "${description}" uses ${name}: give a value`,
          );
        }
        return String(values[name]);
      },
    );
    const steps = parse(rendered).steps as Array<{
      action: string;
      input: JsonObject;
    }>;
    expect(steps.map(s => s.action)).toEqual([action.id]);
    const { input } = steps[0];
    const result = new Validator().validate(input, action.schema!.input!);
    if (!result.valid) {
      throw new Error(
        `Example "${description}" does not match the schema: ${result.errors.join(
          '; ',
        )}`,
      );
    }
    return { description, input };
  });
}

/** Runs an action's handler as `user`, collecting its outputs. */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: JsonObject,
  options: { user?: string; dryRun?: boolean; workspacePath?: string } = {},
) {
  const outputs: Record<string, unknown> = {};
  const ctx = {
    ...createMockActionContext({ input, workspacePath: options.workspacePath }),
    isDryRun: options.dryRun ?? false,
    getInitiatorCredentials: async () =>
      mockCredentials.user(options.user ?? 'user:default/ana.silva'),
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  };
  await action.handler(ctx as any);
  return outputs;
}
