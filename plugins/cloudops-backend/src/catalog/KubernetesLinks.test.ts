import { testEntity } from '../__testUtils__/testEntities';
import { EntityIndex } from './EntityIndex';
import { workloadsOfPod } from './KubernetesLinks';

/** The same services in three clusters, and namespaces that own a service each. */
const estate = EntityIndex.fromEntities([
  testEntity('component:default/checkout', {
    annotations: {
      'backstage.io/kubernetes-id': 'checkout',
      'backstage.io/kubernetes-namespace': 'shop',
    },
  }),
  testEntity('component:default/checkout-dev', {
    annotations: {
      'backstage.io/kubernetes-id': 'checkout',
      'backstage.io/kubernetes-namespace': 'shop',
      'cloudops.ai/kubernetes-clusters': 'dev, stg',
    },
  }),
  testEntity('component:default/legacy-checkout', {
    annotations: {
      'backstage.io/kubernetes-id': 'checkout',
      'backstage.io/kubernetes-namespace': 'legacy',
    },
  }),
  testEntity('component:default/search', {
    annotations: {
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/part-of=search',
      'backstage.io/kubernetes-namespace': 'search',
      'cloudops.ai/kubernetes-clusters': 'prod',
    },
  }),
  testEntity('system:default/payments', {
    annotations: { 'backstage.io/kubernetes-namespace': 'payments' },
  }),
  testEntity('component:default/kafka', {
    annotations: { 'backstage.io/kubernetes-id': 'kafka' },
  }),
  testEntity('component:default/monitoring', {
    annotations: { 'backstage.io/kubernetes-id': 'kube-state-metrics' },
  }),
]);

function resolve(labels: Record<string, string>, account?: string) {
  return estate.resolve({ kind: 'alert', name: 'X', labels, account })?.ref;
}

describe('Kubernetes links in the entity index', () => {
  it('finds the workload of a pod from kube-state-metrics and cAdvisor series', () => {
    // KubePodCrashLooping from kube-prometheus: no app label, job is the exporter.
    expect(
      resolve(
        {
          namespace: 'shop',
          pod: 'checkout-7d9f8c6b5-x2x4q',
          container: 'app',
          job: 'kube-state-metrics',
        },
        'prod',
      ),
    ).toBe('component:default/checkout');
    expect(resolve({ namespace: 'data', pod: 'kafka-2' })).toBe(
      'component:default/kafka',
    );
    expect(resolve({ namespace: 'data', pod: 'kafka-x7k2p' })).toBe(
      'component:default/kafka',
    );
    // The exporter's own series still belong to it.
    expect(
      resolve({ job: 'kube-state-metrics', namespace: 'monitoring' }),
    ).toBe('component:default/monitoring');
  });

  it('picks the entity of the signal namespace and cluster', () => {
    expect(resolve({ app: 'checkout', namespace: 'shop' }, 'prod')).toBe(
      'component:default/checkout',
    );
    expect(resolve({ app: 'checkout', namespace: 'shop' }, 'stg')).toBe(
      'component:default/checkout-dev',
    );
    expect(
      resolve({ app: 'checkout', namespace: 'shop', cluster: 'dev' }, 'x'),
    ).toBe('component:default/checkout-dev');
    expect(resolve({ app: 'checkout', namespace: 'legacy' })).toBe(
      'component:default/legacy-checkout',
    );
    // Another namespace contradicts every claim on checkout.
    expect(resolve({ app: 'checkout', namespace: 'other' })).toBeUndefined();
  });

  it('limits label selectors to their namespace and clusters', () => {
    const labels = {
      'app.kubernetes.io/part-of': 'search',
      namespace: 'search',
    };
    expect(resolve(labels, 'prod')).toBe('component:default/search');
    expect(resolve(labels, 'dev')).toBeUndefined();
    expect(resolve({ ...labels, namespace: 'shop' }, 'prod')).toBeUndefined();
  });

  it('gives a namespace to the entity that claims it, after workload links', () => {
    expect(resolve({ namespace: 'payments', pod: 'ledger-0' })).toBe(
      'system:default/payments',
    );
    expect(resolve({ namespace: 'payments', pod: 'kafka-0' })).toBe(
      'component:default/kafka',
    );
    expect(resolve({ namespace: 'nobody', pod: 'x-0' })).toBeUndefined();
  });

  it('reads workload names out of pod names', () => {
    expect(workloadsOfPod('checkout-7d9f8c6b5-x2x4q')).toEqual([
      'checkout',
      'checkout-7d9f8c6b5',
    ]);
    expect(workloadsOfPod('postgres-12')).toEqual(['postgres']);
    expect(workloadsOfPod('node-exporter-b7k2q')).toEqual(['node-exporter']);
    expect(workloadsOfPod('report-28473920-x7k2p')).toEqual([
      'report',
      'report-28473920',
    ]);
    expect(workloadsOfPod('api-gateway-b7k2q')).toEqual(['api-gateway']);
    expect(workloadsOfPod('standalone')).toEqual([]);
  });
});
