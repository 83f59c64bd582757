/**
 * The scaffolder remediation executor for CloudOps AI.
 *
 * @packageDocumentation
 */

export { cloudopsModuleScaffolder as default } from './module';
export {
  COST_IMPACT_ANNOTATION,
  SCAFFOLDER_EXECUTOR_ID,
  ScaffolderExecutor,
} from './ScaffolderExecutor';
export { ScaffolderTasks } from './ScaffolderTasks';
export { TaskClaims } from './TaskClaims';
