export { CloudOpsEventsStack } from './CloudOpsEventsStack';
export type { CloudOpsEventsProps } from './CloudOpsEventsStack';
export { CloudOpsMemberAccountStack } from './CloudOpsMemberAccountStack';
export type { CloudOpsMemberAccountProps } from './CloudOpsMemberAccountStack';
export { loadPolicy, readPolicyJson } from './policies';
export type { PolicyName } from './policies';
