import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { Incident } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  cloudopsActionsExtensionPoint,
  CloudopsRemediationExecutor,
  RemediationRun,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { cloudopsModuleScaffolder } from './module';
import { ScaffolderTasks } from './ScaffolderTasks';

jest.setTimeout(60_000);

const INCIDENT_ID = '3f1c3a52-9a55-4c55-8c7e-6f3b1f0b8f11';

function template(
  name: string,
  steps: object[],
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name,
      namespace: 'default',
      title: `Test ${name}`,
      annotations,
    },
    spec: {
      owner: 'group:default/platform',
      type: 'remediation',
      parameters: [
        {
          required: ['incidentId', 'reason'],
          properties: {
            incidentId: { type: 'string' },
            reason: { type: 'string' },
          },
        },
      ],
      steps,
      output: {
        text: [
          {
            title: 'Reason',
            content: '${{ parameters.incidentId }}: ${{ parameters.reason }}',
          },
        ],
      },
    },
  };
}

const LOG_STEPS = [
  {
    id: 'note',
    name: 'Write the note',
    action: 'debug:log',
    input: {
      message:
        'incident ${{ parameters.incidentId }}: ${{ parameters.reason }}',
    },
  },
  {
    id: 'pause',
    name: 'Wait a moment',
    action: 'debug:wait',
    input: { milliseconds: 200 },
  },
];

const ENTITIES = [
  template('cloudops-slow', [
    {
      id: 'long',
      name: 'Wait long',
      action: 'debug:wait',
      input: { seconds: 20 },
    },
  ]),
  template('cloudops-log', LOG_STEPS, { 'cloudops.ai/cost-impact': 'neutral' }),
  template('cloudops-broken', [
    LOG_STEPS[0],
    {
      id: 'boom',
      name: 'Run a missing action',
      action: 'cloudops:does-not-exist',
    },
  ]),
];

/** The core plugin's part: the extension point, collecting executors. */
function fakeCloudops(executors: CloudopsRemediationExecutor[]) {
  return createBackendPlugin({
    pluginId: 'cloudops',
    register(env) {
      env.registerExtensionPoint(cloudopsActionsExtensionPoint, {
        addChannel() {},
        addExecutor(executor) {
          executors.push(executor);
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('ScaffolderExecutor against the scaffolder backend', () => {
  let executor: CloudopsRemediationExecutor;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;

  beforeAll(async () => {
    const executors: CloudopsRemediationExecutor[] = [];
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        catalogServiceMock.factory({ entities: ENTITIES }),
        fakeCloudops(executors),
        cloudopsModuleScaffolder,
      ],
    });
    [executor] = executors;
    baseUrl = `http://localhost:${backend.server.port()}/api/scaffolder`;
  });

  afterAll(() => backend?.stop());

  const progress: Array<{ message: string; data?: Record<string, unknown> }> =
    [];
  beforeEach(() => {
    progress.length = 0;
  });

  function run(over: Partial<RemediationRun> = {}): RemediationRun {
    return {
      requestId: 'r1',
      idempotencyKey: `cloudops-${Math.random()}-execute`,
      ref: 'template:default/cloudops-log',
      parameters: { reason: 'CPU above 95%' },
      incident: {
        id: INCIDENT_ID,
        entityRef: 'component:default/checkout',
      } as Incident,
      scope: { entityRef: 'component:default/checkout' },
      dryRun: false,
      signal: new AbortController().signal,
      progress: async (message, data) => {
        progress.push({ message, data });
      },
      ...over,
    };
  }

  /** Calls the scaffolder's API as a service, as another client would. */
  async function scaffolder(method: string, url: string) {
    const token = await mockServices.auth().getPluginRequestToken({
      onBehalfOf: await mockServices.auth().getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(res.ok).toBe(true);
    return res.json();
  }

  async function taskCount(): Promise<number> {
    return (await scaffolder('GET', '/v2/tasks')).totalTasks;
  }

  it('is registered as "scaffolder" with a dry run', () => {
    expect(executor.id).toBe('scaffolder');
    expect(executor.supportsDryRun).toBe(true);
  });

  it('plans from the template in the catalog: targets, cost impact, steps', async () => {
    expect(await executor.plan(run())).toEqual({
      targets: ['template:default/cloudops-log', 'component:default/checkout'],
      costImpact: 'neutral',
      summary:
        'runs the template Test cloudops-log: Write the note, Wait a moment',
    });
    expect(
      (
        await executor.plan(
          run({ ref: 'template:default/cloudops-broken', parameters: {} }),
        )
      ).summary,
    ).toBe('cannot run Test cloudops-broken: it requires reason');
  });

  it('fails clearly when the template is not in the catalog or the ref is not a template', async () => {
    await expect(
      executor.plan(run({ ref: 'template:default/nope' })),
    ).rejects.toThrow(
      'There is no template template:default/nope in the catalog (register it, or name another in the rule or request)',
    );
    await expect(
      executor.plan(run({ ref: 'component:default/checkout' })),
    ).rejects.toThrow(
      '"component:default/checkout" names a component; the scaffolder executor runs Template entities',
    );
  });

  it('runs a task to completion, with the incident id filled in and each step on the timeline', async () => {
    const before = await taskCount();
    const outcome = await executor.execute(run());
    expect(outcome).toEqual({
      status: 'succeeded',
      summary: expect.stringMatching(
        /^task \S+ of template:default\/cloudops-log completed$/,
      ),
      outputs: expect.objectContaining({
        templateRef: 'template:default/cloudops-log',
        runsAs: 'plugin:cloudops',
        createdBy: null,
        steps: { note: 'completed', pause: 'completed' },
        output: {
          text: [{ title: 'Reason', content: `${INCIDENT_ID}: CPU above 95%` }],
        },
      }),
    });
    const taskId = outcome.outputs.taskId;
    expect(progress.map(p => p.message)).toEqual([
      `task ${taskId} of template:default/cloudops-log started as plugin:cloudops (the scaffolder records no user for it)`,
      'step Write the note: processing',
      'step Write the note: completed',
      'step Wait a moment: processing',
      'step Wait a moment: completed',
    ]);
    expect(await taskCount()).toBe(before + 1);
  });

  it('reports a failed task as a failed outcome with its error', async () => {
    const outcome = await executor.execute(
      run({ ref: 'template:default/cloudops-broken' }),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.summary).toMatch(
      /^task \S+ of template:default\/cloudops-broken failed: .*cloudops:does-not-exist/,
    );
    expect(outcome.outputs.steps).toEqual({
      note: 'completed',
      boom: 'failed',
    });
  });

  it('reports a task cancelled in the scaffolder as failed, with its reason', async () => {
    const outcome = await executor.execute(
      run({
        ref: 'template:default/cloudops-slow',
        progress: async (message, data) => {
          if (message === 'step Wait long: processing') {
            await scaffolder('POST', `/v2/tasks/${data!.taskId}/cancel`);
          }
        },
      }),
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.summary).toMatch(
      /^task \S+ of template:default\/cloudops-slow failed: Step long \(Wait long\) of task \S+ has been cancelled\.$/,
    );
  });

  it('starts one task per step: a retried attempt follows the first one', async () => {
    const before = await taskCount();
    const key = `cloudops-${Math.random()}-execute`;
    // The first attempt is cut off (a crash, a timeout) after starting its task.
    const cut = new AbortController();
    const first = executor.execute(
      run({
        idempotencyKey: key,
        signal: cut.signal,
        progress: async message => {
          if (message.startsWith('task '))
            cut.abort(new Error('worker stopped'));
        },
      }),
    );
    await expect(first).rejects.toThrow();
    const retried = await executor.execute(run({ idempotencyKey: key }));
    expect(retried.status).toBe('succeeded');
    expect(progress[0].message).toMatch(
      /^following task \S+, started by an earlier attempt$/,
    );
    expect(await taskCount()).toBe(before + 1);
  });

  it('refuses to start a task it cannot tell apart from an earlier attempt that never recorded one', async () => {
    const key = `cloudops-${Math.random()}-execute`;
    const tasks = jest
      .spyOn(ScaffolderTasks.prototype, 'create')
      .mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(
      executor.execute(run({ idempotencyKey: key })),
    ).rejects.toThrow('fetch failed');
    tasks.mockRestore();
    const before = await taskCount();
    const outcome = await executor.execute(run({ idempotencyKey: key }));
    expect(outcome.status).toBe('failed');
    expect(outcome.summary).toMatch(
      /may be running, so no second task is started/,
    );
    expect(await taskCount()).toBe(before);
  });

  it('reports values the scaffolder refuses as a permanent error, and lets a corrected retry start the task', async () => {
    const key = `cloudops-${Math.random()}-execute`;
    const refused = executor.execute(
      run({ idempotencyKey: key, parameters: { reason: 42 } }),
    );
    await expect(refused).rejects.toMatchObject({
      name: 'DeliveryError',
      retryable: false,
      message: expect.stringMatching(
        /^The scaffolder refused a task of template:default\/cloudops-log: .*400/,
      ),
    });
    const retried = await executor.execute(run({ idempotencyKey: key }));
    expect(retried.status).toBe('succeeded');
  });

  it('dry-runs through the scaffolder without creating a task', async () => {
    const before = await taskCount();
    const outcome = await executor.execute(run({ dryRun: true }));
    expect(outcome).toEqual({
      status: 'succeeded',
      summary: expect.stringMatching(
        /^dry run of template:default\/cloudops-log passed/,
      ),
      outputs: expect.objectContaining({
        output: {
          text: [{ title: 'Reason', content: `${INCIDENT_ID}: CPU above 95%` }],
        },
      }),
    });
    expect(await taskCount()).toBe(before);
    const broken = await executor.execute(
      run({ dryRun: true, ref: 'template:default/cloudops-broken' }),
    );
    expect(broken.status).toBe('failed');
    expect(broken.summary).toMatch(
      /^dry run of template:default\/cloudops-broken failed: /,
    );
  });

  it('fails a run that lacks a required parameter before starting anything', async () => {
    const outcome = await executor.execute(run({ parameters: {} }));
    expect(outcome).toEqual({
      status: 'failed',
      summary:
        "template:default/cloudops-log requires reason; give them as the remediation's parameters",
      outputs: { templateRef: 'template:default/cloudops-log' },
    });
  });
});
