/**
 * CloudOps AI on AWS: accounts of an organisation, CloudWatch metrics and
 * alarms, EventBridge events and CloudWatch Logs Insights evidence, as a
 * module of the CloudOps backend plugin.
 *
 * @packageDocumentation
 */

export { cloudopsModuleAws as default } from './module';
export { CloudWatchLogsInsights } from './logs/CloudWatchLogsInsights';
export type { LogGroupsTarget } from './logs/CloudWatchLogsInsights';
export { EVENT_PATTERNS } from './eventbridge/mapEvent';
export { awsValidationCheck } from './validation/awsValidationCheck';
