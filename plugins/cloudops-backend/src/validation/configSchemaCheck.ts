import { Config } from '@backstage/config';
import { ConfigSchema, loadConfigSchema } from '@backstage/config-loader';
import { ValidationResult } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsValidationCheck } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { readEngineOptions } from '../engineOptions';

/** The CloudOps packages whose `config.d.ts` describe `cloudops.*`. */
export const CLOUDOPS_CONFIG_PACKAGES = [
  '@cloudops-ai/backstage-plugin-cloudops-backend',
  '@cloudops-ai/backstage-plugin-cloudops-backend-module-aws',
  '@cloudops-ai/backstage-plugin-cloudops-backend-module-prometheus',
  '@cloudops-ai/backstage-plugin-cloudops-backend-module-slack',
  '@cloudops-ai/backstage-plugin-cloudops-backend-module-demo',
];

const schemas = new Map<string, Promise<ConfigSchema>>();

/**
 * The merged schema of the `config.d.ts` of `packages` (those installed;
 * their dependencies' schemas left out), compiled once per process: the
 * compilation takes seconds.
 */
export function cloudopsConfigSchema(
  packages: string[] = CLOUDOPS_CONFIG_PACKAGES,
): Promise<ConfigSchema> {
  const installed = packages.filter(name => {
    try {
      require.resolve(`${name}/package.json`);
      return true;
    } catch {
      return false;
    }
  });
  const key = installed.join(',');
  let schema = schemas.get(key);
  if (!schema) {
    schema = loadConfigSchema({
      dependencies: installed,
      excludePackageDependencies: true,
    });
    schema.catch(() => schemas.delete(key));
    schemas.set(key, schema);
  }
  return schema;
}

/**
 * The configuration against the CloudOps packages' schemas (`config.d.ts`),
 * then the settings that must agree with each other (as the backend reads
 * them at start): one row, failed with every problem and the key it is at.
 */
export function configSchemaCheck(options: {
  config: Config;
  packages?: string[];
}): CloudopsValidationCheck {
  return {
    id: 'config',
    // The first run in a process compiles the schemas: seconds, more on a busy host.
    timeoutMs: 120_000,
    async run(): Promise<ValidationResult[]> {
      const schema = await cloudopsConfigSchema(options.packages);
      const target = 'cloudops.* against config.d.ts';
      const row = (
        status: ValidationResult['status'],
        detail: string,
      ): ValidationResult[] => [{ check: 'config', target, status, detail }];
      try {
        schema.process([{ context: 'validate', data: options.config.get() }]);
      } catch (error) {
        const messages: string[] = (error as { messages?: string[] })
          .messages ?? [(error as Error).message];
        return row(
          'fail',
          messages.map(message => message.replace(/^Config /, '')).join('\n'),
        );
      }
      try {
        // Settings that must agree with each other (retention vs. the RCA).
        readEngineOptions(options.config);
      } catch (error) {
        return row('fail', (error as Error).message);
      }
      return row('pass', 'valid');
    },
  };
}
