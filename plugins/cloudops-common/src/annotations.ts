/**
 * Annotations that link catalog entities to the resources CloudOps watches.
 * Where the ecosystem already has an annotation, it is reused.
 *
 * @public
 */
export const CLOUDOPS_ANNOTATIONS = {
  awsAccountId: 'cloudops.ai/aws-account-id',
  awsRegion: 'cloudops.ai/aws-region',
  awsResourceArns: 'cloudops.ai/aws-resource-arns',
  awsTags: 'cloudops.ai/aws-tags',
  awsLogGroups: 'cloudops.ai/aws-log-groups',
  environment: 'cloudops.ai/environment',
  runbook: 'cloudops.ai/runbook',
  kubernetesId: 'backstage.io/kubernetes-id',
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  /** Comma-separated clusters the entity's workloads run in (all when absent). */
  kubernetesClusters: 'cloudops.ai/kubernetes-clusters',
  prometheusAlert: 'prometheus.io/alert',
  prometheusLabels: 'prometheus.io/labels',
} as const;

/**
 * Chat annotations that actions use: a team (Group entity) names its channel
 * with `slack.com/channel`; a User entity names its Slack member id (or email)
 * with `slack.com/bot-notify`, the annotation of Backstage's Slack
 * notifications module, which maps approvers in Slack to catalog users.
 *
 * @public
 */
export const CHAT_ANNOTATIONS = {
  slackChannel: 'slack.com/channel',
  slackUser: 'slack.com/bot-notify',
  /** A team's Amazon SNS topic ARN (the `sns` channel). */
  snsTopic: 'cloudops.ai/sns-topic-arn',
  /** A team's email addresses, comma-separated (the `ses` channel). */
  email: 'cloudops.ai/email',
} as const;
