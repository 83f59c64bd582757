/**
 * Slack for CloudOps AI: incident messages and interactive remediation
 * approvals.
 *
 * @packageDocumentation
 */

export { cloudopsModuleSlack as default } from './module';
export { authModuleCloudopsSlackApprovers } from './authModule';
export { SlackChannel } from './SlackChannel';
export { verifySlackRequest } from './verifySlackRequest';
