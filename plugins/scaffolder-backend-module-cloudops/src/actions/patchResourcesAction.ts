import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseInput } from './parseInput';
import fs from 'node:fs/promises';
import type { z as Zod } from 'zod/v3';
import { patchResources } from '../k8s/patchResources';

const quantities = (z: typeof Zod) =>
  z
    .object({
      cpu: z
        .string()
        .regex(/^\d+(\.\d+)?m?$/, 'a CPU quantity, e.g. 250m or 1.5')
        .optional(),
      memory: z
        .string()
        .regex(
          /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/,
          'a memory quantity, e.g. 512Mi',
        )
        .optional(),
    })
    .strict()
    .optional();

const inputSchema = (z: typeof Zod) =>
  z.object({
    path: z
      .string()
      .min(1)
      .describe('File in the workspace, e.g. deploy/app.yaml'),
    format: z
      .enum(['manifest', 'helm-values'])
      .default('manifest')
      .describe('A Kubernetes manifest or a Helm values file'),
    workload: z.string().optional().describe('Manifest: the workload name'),
    container: z
      .string()
      .optional()
      .describe('Manifest: the container (required with several)'),
    valuesPath: z
      .string()
      .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'a dotted path')
      .optional()
      .describe('Helm values: the resources block, default resources'),
    requests: quantities(z),
    limits: quantities(z),
  });

/**
 * `cloudops:k8s:patch-resources`: rewrites CPU/memory requests and limits
 * in a manifest or Helm values file in the workspace (for a pull request),
 * preserving formatting and comments.
 */
export function createPatchResourcesAction() {
  return createTemplateAction({
    id: 'cloudops:k8s:patch-resources',
    description:
      'Rewrites CPU/memory requests and limits of a container in a Kubernetes manifest, or of a resources block in a Helm values file, in the workspace; comments, quoting and untouched documents are kept.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Right-size the app container of a Deployment manifest',
        example: `steps:
  - id: patch
    action: cloudops:k8s:patch-resources
    input:
      path: deploy/checkout.yaml
      workload: checkout
      container: app
      requests: { cpu: 250m, memory: 512Mi }
      limits: { memory: 768Mi }
`,
      },
      {
        description: 'Right-size a Helm chart through its values file',
        example: `steps:
  - id: patch
    action: cloudops:k8s:patch-resources
    input:
      path: charts/checkout/values.yaml
      format: helm-values
      valuesPath: api.resources
      requests: { cpu: 300m }
`,
      },
    ],
    schema: {
      input: inputSchema,
      output: z =>
        z.object({
          changed: z.boolean(),
          changes: z.array(z.string()),
        }),
    },
    async handler(ctx) {
      const input = parseInput(
        inputSchema,
        ctx.input,
        'cloudops:k8s:patch-resources',
      );
      const file = resolveSafeChildPath(ctx.workspacePath, input.path);
      let source: string;
      try {
        source = await fs.readFile(file, 'utf8');
      } catch (error) {
        throw new InputError(
          `Cannot read ${input.path} in the workspace: ${
            (error as Error).message
          }`,
        );
      }
      const { text, changes } = patchResources(source, input, input.path);
      for (const line of changes) ctx.logger.info(line);
      if (changes.length === 0) {
        ctx.logger.info(`${input.path} already has these values`);
      } else {
        await fs.writeFile(file, text, 'utf8');
      }
      ctx.output('changed', changes.length > 0);
      ctx.output('changes', changes);
    },
  });
}
