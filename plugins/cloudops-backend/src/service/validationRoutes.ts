import {
  DatabaseService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { cloudopsSetupReadPermission } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsValidationCheck,
  runValidationChecks,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import Router from 'express-promise-router';
import { coreValidationChecks } from '../validation/coreValidationChecks';
import { callerPermissionsCheck } from '../validation/permissionsCheck';
import { Authorize } from './authorize';

/** How long one check may take before it is reported as failed. */
const CHECK_TIMEOUT_MS = 20_000;

/**
 * The set-up health report, the same checks as `cloudops validate`: the
 * core's (configuration, rules, runbooks, database), those modules added
 * (AWS, Prometheus, …) and what the permission policy grants the caller.
 */
export function validationRoutes(options: {
  authorize: Authorize;
  config: Config;
  database: DatabaseService;
  permissions: PermissionsService;
  /** Checks modules added through `cloudopsValidationExtensionPoint`. */
  moduleChecks: CloudopsValidationCheck[];
  /** The registered remediation executors, which rules must name. */
  executors: readonly string[];
}) {
  const router = Router();
  router.get('/validate', async (req, res) => {
    const caller = await options.authorize(req, cloudopsSetupReadPermission);
    const checks = [
      ...coreValidationChecks({ ...options, baseDir: process.cwd() }),
      ...options.moduleChecks,
      callerPermissionsCheck({
        config: options.config,
        permissions: options.permissions,
        credentials: caller.credentials,
        subject: caller.actor,
      }),
    ];
    res.json(
      await runValidationChecks(checks, { timeoutMs: CHECK_TIMEOUT_MS }),
    );
  });
  return router;
}
