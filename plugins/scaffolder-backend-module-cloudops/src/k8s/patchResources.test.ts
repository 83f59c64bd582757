import { patchResources } from './patchResources';

const MANIFEST = `# Checkout service: keep these in sync with the HPA
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout # owned by team-checkout
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          image: "ghcr.io/shop/checkout:1.4.2"   # pinned
          resources:
            requests: { cpu: "1", memory: 2Gi }
            limits:
              memory: 2Gi # OOM guard
        - name: envoy
          image: envoyproxy/envoy:v1.30
---
# The service stays as written, odd spacing included
apiVersion: v1
kind: Service
metadata: {name: checkout}
spec:
  ports: [ {port: 80} ]
`;

describe('patchResources', () => {
  it('rewrites one container’s requests and limits, keeping comments, quoting and other documents', () => {
    const { text, changes } = patchResources(MANIFEST, {
      format: 'manifest',
      container: 'app',
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { memory: '768Mi' },
    });
    expect(changes).toEqual([
      'Deployment/checkout container app requests.cpu: 1 → 250m',
      'Deployment/checkout container app requests.memory: 2Gi → 512Mi',
      'Deployment/checkout container app limits.memory: 2Gi → 768Mi',
    ]);
    expect(text).toContain(
      '# Checkout service: keep these in sync with the HPA',
    );
    expect(text).toContain('name: checkout # owned by team-checkout');
    expect(text).toContain('image: "ghcr.io/shop/checkout:1.4.2" # pinned');
    expect(text).toContain('memory: 768Mi # OOM guard');
    // The flow map and the quoting of the old value are kept.
    expect(text).toContain('requests: { cpu: "250m", memory: 512Mi }');
    // The envoy sidecar and the Service document are untouched.
    expect(text).not.toMatch(/envoy[\s\S]*resources/);
    expect(text.slice(text.indexOf('---'))).toBe(
      MANIFEST.slice(MANIFEST.indexOf('---')),
    );
  });

  it('changes nothing when the values are already set', () => {
    const once = patchResources(MANIFEST, {
      format: 'manifest',
      container: 'app',
      limits: { memory: '2Gi' },
    });
    expect(once).toEqual({ text: MANIFEST, changes: [] });
  });

  it('creates the resources block of a Helm values path, preserving the rest', () => {
    const values = `# values for the checkout chart
image:
  tag: 1.4.2 # bumped by CI
api:
  replicas: 3
  # resources are tuned by CloudOps AI
`;
    const { text, changes } = patchResources(values, {
      format: 'helm-values',
      valuesPath: 'api.resources',
      requests: { cpu: '300m' },
    });
    expect(changes).toEqual(['api.resources requests.cpu: (unset) → 300m']);
    expect(text).toContain('tag: 1.4.2 # bumped by CI');
    expect(text).toContain('# values for the checkout chart');
    expect(text).toMatch(
      /api:\n {2}replicas: 3\n[\s\S]*resources:\n {4}requests:\n {6}cpu: 300m/,
    );
  });

  it('says clearly what is wrong with the file or the request', () => {
    expect(() =>
      patchResources(
        MANIFEST,
        { format: 'manifest', requests: { cpu: '1' } },
        'deploy/checkout.yaml',
      ),
    ).toThrow(
      'deploy/checkout.yaml: Deployment/checkout has 2 containers (app, envoy); name the container',
    );
    expect(() =>
      patchResources(MANIFEST, {
        format: 'manifest',
        workload: 'payments',
        requests: { cpu: '1' },
      }),
    ).toThrow('has no workload named payments (found: Deployment/checkout)');
    expect(() =>
      patchResources(MANIFEST, { format: 'manifest', container: 'app' }),
    ).toThrow('Give at least one request or limit');
    expect(() =>
      patchResources('a: [1, 2\n', {
        format: 'helm-values',
        requests: { cpu: '1' },
      }),
    ).toThrow(/not valid YAML \(document 1\)/);
    expect(() =>
      patchResources('api: 3\n', {
        format: 'helm-values',
        valuesPath: 'api.resources',
        requests: { cpu: '1' },
      }),
    ).toThrow('api is not a map');
  });
});
