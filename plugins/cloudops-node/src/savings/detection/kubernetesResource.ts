import { OpportunityResource } from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * A Kubernetes workload (or one of its containers) as an opportunity's
 * resource, with the labels the entity index matches
 * (`backstage.io/kubernetes-id` annotations match `app.kubernetes.io/name`,
 * `app`, `deployment`…).
 */
export function kubernetesWorkloadResource(workload: {
  cluster: string;
  namespace: string;
  workloadKind: string;
  workloadName: string;
  container?: string;
  labels?: Record<string, string>;
}): OpportunityResource {
  const kind = workload.workloadKind.toLowerCase();
  return {
    id: [
      `k8s:${workload.cluster}`,
      workload.namespace,
      kind,
      workload.workloadName,
      ...(workload.container ? [workload.container] : []),
    ].join('/'),
    type: `k8s:${kind}`,
    name: workload.container
      ? `${workload.namespace}/${workload.workloadName}/${workload.container}`
      : `${workload.namespace}/${workload.workloadName}`,
    cluster: workload.cluster,
    namespace: workload.namespace,
    labels: {
      namespace: workload.namespace,
      [kind]: workload.workloadName,
      ...workload.labels,
    },
  };
}
