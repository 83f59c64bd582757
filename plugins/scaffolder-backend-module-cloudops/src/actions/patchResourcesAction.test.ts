import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { exampleInputs, runAction } from '../__testUtils__/examples';
import { createPatchResourcesAction } from './patchResourcesAction';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
spec:
  template:
    spec:
      containers:
        - name: app # the shop's checkout
          image: ghcr.io/shop/checkout:1.4.2
          resources:
            requests:
              cpu: "2"      # sized for Black Friday 2024
              memory: 4Gi
        - name: envoy
          image: envoyproxy/envoy:v1.30
`;

const VALUES = `# checkout chart values
api:
  replicas: 6 # HPA floor
  resources: {}
`;

describe('cloudops:k8s:patch-resources', () => {
  const workspace = createMockDirectory();

  it('runs every example on files in the workspace, keeping comments', async () => {
    workspace.setContent({
      'deploy/checkout.yaml': DEPLOYMENT,
      'charts/checkout/values.yaml': VALUES,
    });
    const action = createPatchResourcesAction();
    const [manifest, helm] = exampleInputs(action, {});

    expect(
      await runAction(action, manifest.input, {
        workspacePath: workspace.path,
      }),
    ).toEqual({
      changed: true,
      changes: [
        'Deployment/checkout container app requests.cpu: 2 → 250m',
        'Deployment/checkout container app requests.memory: 4Gi → 512Mi',
        'Deployment/checkout container app limits.memory: (unset) → 768Mi',
      ],
    });
    const patched = fs.readFileSync(
      workspace.resolve('deploy/checkout.yaml'),
      'utf8',
    );
    expect(patched).toContain('cpu: "250m" # sized for Black Friday 2024');
    expect(patched).toContain("- name: app # the shop's checkout");
    expect(patched).toMatch(/limits:\n\s+memory: 768Mi/);

    expect(
      await runAction(action, helm.input, { workspacePath: workspace.path }),
    ).toEqual({
      changed: true,
      changes: ['api.resources requests.cpu: (unset) → 300m'],
    });
    const values = fs.readFileSync(
      workspace.resolve('charts/checkout/values.yaml'),
      'utf8',
    );
    expect(values).toContain('# checkout chart values');
    expect(values).toContain('replicas: 6 # HPA floor');
    expect(values).toMatch(
      /resources: \{ requests: \{ cpu: 300m \} \}|resources:\n\s+requests:\n\s+cpu: 300m/,
    );

    // Running again changes nothing.
    expect(
      await runAction(action, manifest.input, {
        workspacePath: workspace.path,
      }),
    ).toMatchObject({ changed: false, changes: [] });
  });

  it('refuses paths outside the workspace, missing files and bad quantities', async () => {
    workspace.setContent({ 'deploy/checkout.yaml': DEPLOYMENT });
    const action = createPatchResourcesAction();
    const run = (input: object) =>
      runAction(action, input as any, { workspacePath: workspace.path });
    await expect(
      run({ path: '../etc/passwd', requests: { cpu: '1' } }),
    ).rejects.toThrow(/outside/);
    await expect(
      run({ path: 'deploy/missing.yaml', requests: { cpu: '1' } }),
    ).rejects.toThrow('Cannot read deploy/missing.yaml in the workspace');
    await expect(
      run({
        path: 'deploy/checkout.yaml',
        container: 'app',
        requests: { cpu: 'lots' },
      }),
    ).rejects.toThrow(
      'Invalid input to cloudops:k8s:patch-resources: requests.cpu: a CPU quantity, e.g. 250m or 1.5',
    );
    await expect(
      run({ path: 'deploy/checkout.yaml', requests: { cpu: '1' } }),
    ).rejects.toThrow('has 2 containers (app, envoy); name the container');
    expect(
      fs.readFileSync(workspace.resolve('deploy/checkout.yaml'), 'utf8'),
    ).toBe(DEPLOYMENT);
  });
});
