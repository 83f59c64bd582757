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
  prometheusAlert: 'prometheus.io/alert',
  prometheusLabels: 'prometheus.io/labels',
} as const;
