import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { automationDocuments } from './documents';

const TEMPLATES_DIR = join(__dirname, '..', '..', 'templates');
const READ = /^(Describe|List|Get)[A-Za-z]*$/;

const documents = new Map(automationDocuments().map(d => [d.name, d.content]));

/**
 * The API calls a run makes, in order, following `aws:branch` choices on
 * `{{ DryRun }}` (the only variable the kit's documents branch on),
 * `nextStep` and `isEnd` as SSM Automation does.
 */
function callsOf(content: any, dryRun: boolean): string[] {
  const steps: any[] = content.mainSteps;
  const index = (name: string) => {
    const i = steps.findIndex(s => s.name === name);
    if (i < 0) throw new Error(`no step ${name}`);
    return i;
  };
  const calls: string[] = [];
  let i = 0;
  for (let hops = 0; i < steps.length; hops++) {
    if (hops > steps.length) throw new Error('the steps loop');
    const step = steps[i];
    if (step.action === 'aws:branch') {
      const choice = step.inputs.Choices.find((c: any) => {
        expect(c.Variable).toBe('{{ DryRun }}');
        return c.BooleanEquals === dryRun;
      });
      const next = choice?.NextStep ?? step.inputs.Default;
      i = next ? index(next) : i + 1;
      continue;
    }
    calls.push(`${step.action} ${step.inputs.Service}:${step.inputs.Api}`);
    if (step.isEnd) break;
    i = step.nextStep ? index(step.nextStep) : i + 1;
  }
  return calls;
}

/** What the scaffolder templates pass to each document, by document name. */
function templateParameters(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of readdirSync(TEMPLATES_DIR).filter(f =>
    f.endsWith('.yaml'),
  )) {
    const template = parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8'));
    for (const step of template?.spec?.steps ?? []) {
      const name =
        step.action === 'cloudops:ssm:start-automation'
          ? step.input.documentName
          : step.input?.executor === 'aws-ssm-automation' && step.input.ref;
      if (name) {
        const passed = Object.keys(step.input.parameters ?? {}).sort();
        const before = found.get(name);
        if (before) expect(passed).toEqual(before);
        found.set(name, passed);
      }
    }
  }
  return found;
}

describe('the automation documents', () => {
  it('exist for every document the scaffolder templates run, and take exactly what the templates pass', () => {
    const passed = templateParameters();
    expect([...passed.keys()].sort()).toEqual([
      'CloudOps-ForceNewEcsDeployment',
      'CloudOps-RollbackEcsService',
      'CloudOps-ScaleEcsService',
      'CloudOps-SnapshotAndDeleteVolume',
    ]);
    for (const [name, parameters] of passed) {
      const content = documents.get(name);
      expect(content).toBeDefined();
      const declared = Object.entries<any>(content.parameters);
      // Left to the executor: the role it runs as and the dry-run switch.
      const own = declared
        .map(([p]) => p)
        .filter(p => p !== 'AutomationAssumeRole' && p !== 'DryRun')
        .sort();
      expect({ name, parameters }).toEqual({ name, parameters: own });
      for (const [p, spec] of declared) {
        if (p === 'DryRun') continue;
        // Required (no default): a template that omits one fails to start.
        expect({ name, p, default: spec.default }).toEqual({
          name,
          p,
          default: undefined,
        });
      }
    }
  });

  it('honour DryRun: a dry run only reads, a real one makes the change', () => {
    const withDryRun = [...documents].filter(([, c]) => c.parameters.DryRun);
    expect(withDryRun.map(([name]) => name).sort()).toEqual([
      'CloudOps-RollbackEcsService',
      'CloudOps-ScaleEcsService',
      'CloudOps-SnapshotAndDeleteVolume',
    ]);
    for (const [name, content] of withDryRun) {
      expect(content.parameters.DryRun).toMatchObject({
        type: 'Boolean',
        default: false,
      });
      const writes = (calls: string[]) =>
        calls.filter(c => !READ.test(c.split(':').pop()!));
      expect({ name, writes: writes(callsOf(content, true)) }).toEqual({
        name,
        writes: [],
      });
      expect(writes(callsOf(content, false)).length).toBeGreaterThan(0);
      // Every output the document names is a step's declared output.
      for (const output of content.outputs ?? []) {
        const [step, value] = output.split('.');
        const spec = content.mainSteps.find((s: any) => s.name === step);
        expect(spec?.outputs?.map((o: any) => o.Name)).toContain(value);
      }
    }
  });

  it('snapshot a volume only while it is unattached, wait for the snapshot, then delete it', () => {
    const content = documents.get('CloudOps-SnapshotAndDeleteVolume');
    expect(callsOf(content, false)).toEqual([
      'aws:assertAwsResourceProperty ec2:DescribeVolumes',
      'aws:executeAwsApi ec2:CreateSnapshot',
      'aws:waitForAwsResourceProperty ec2:DescribeSnapshots',
      'aws:assertAwsResourceProperty ec2:DescribeVolumes',
      'aws:executeAwsApi ec2:DeleteVolume',
    ]);
    const steps: any[] = content.mainSteps;
    const asserts = steps.filter(
      s => s.action === 'aws:assertAwsResourceProperty',
    );
    for (const assert of asserts) {
      expect(assert.inputs).toMatchObject({
        PropertySelector: '$.Volumes[0].State',
        DesiredValues: ['available'],
      });
    }
    const wait = steps.find(s => s.action === 'aws:waitForAwsResourceProperty');
    expect(wait.inputs).toMatchObject({
      SnapshotIds: ['{{ createSnapshot.SnapshotId }}'],
      PropertySelector: '$.Snapshots[0].State',
      DesiredValues: ['completed'],
    });
    // The tag the automation role's CreateSnapshot grant requires.
    const create = steps.find(s => s.inputs?.Api === 'CreateSnapshot');
    expect(create.inputs.TagSpecifications[0].Tags).toContainEqual({
      Key: 'cloudops:created-by',
      Value: 'CloudOps-SnapshotAndDeleteVolume',
    });
  });

  it('roll back and scale ECS services through UpdateService and wait for the result', () => {
    expect(
      callsOf(documents.get('CloudOps-RollbackEcsService'), false),
    ).toEqual([
      'aws:assertAwsResourceProperty ecs:DescribeTaskDefinition',
      'aws:assertAwsResourceProperty ecs:DescribeServices',
      'aws:executeAwsApi ecs:UpdateService',
      'aws:waitForAwsResourceProperty ecs:DescribeServices',
      'aws:executeAwsApi ecs:DescribeServices',
    ]);
    expect(callsOf(documents.get('CloudOps-ScaleEcsService'), false)).toEqual([
      'aws:assertAwsResourceProperty ecs:DescribeServices',
      'aws:executeAwsApi ecs:UpdateService',
      'aws:waitForAwsResourceProperty ecs:DescribeServices',
      'aws:executeAwsApi ecs:DescribeServices',
    ]);
  });
});
