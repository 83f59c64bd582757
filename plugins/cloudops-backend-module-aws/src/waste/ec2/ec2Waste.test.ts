import {
  DEFAULT_SAVINGS_THRESHOLDS,
  PriceList,
  shippedRegionPrices,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import {
  AwsTestEnvironment,
  startAwsTestEnvironment,
} from '../../__testUtils__/awsTestEnvironment';
import { WasteFleet } from '../__testUtils__/wasteFleet';
import { ec2Scan } from './ec2Waste';

jest.setTimeout(60_000);

const A = '111111111111';
const REGION = 'eu-west-1';
const NOW = new Date('2026-11-22T00:20:00Z');

describe('ec2Scan', () => {
  let env: AwsTestEnvironment;
  beforeEach(async () => {
    env = await startAwsTestEnvironment([A]);
  });
  afterEach(() => env.stop());

  it("leaves Kubernetes nodes and Auto Scaling groups' instances to their managers, without reading their usage", async () => {
    const fleet = new WasteFleet(env.fake, A, REGION, NOW);
    const idle = (id: string, tags: Record<string, string> = {}) =>
      fleet.instance({
        id,
        type: 'm5.xlarge',
        label: 'idle',
        cpu: () => 1,
        networkBytes: () => 100_000,
        tags,
      });
    idle('i-0idle');
    idle('i-0eks', { 'eks:cluster-name': 'prod' });
    idle('i-0k8s', { 'kubernetes.io/cluster/prod': 'owned' });
    idle('i-0karpenter', { 'karpenter.sh/nodepool': 'default' });
    idle('i-0karpenterv0', { 'karpenter.sh/provisioner-name': 'default' });
    idle('i-0asg', { 'aws:autoscaling:groupName': 'web' });
    fleet.instance({
      id: 'i-0oversizednode',
      type: 'm5.4xlarge',
      label: 'oversized',
      cpu: () => 5,
      networkBytes: () => 100_000_000,
      tags: { 'eks:cluster-name': 'prod' },
    });

    const findings = await ec2Scan(env.clients())(
      { account: A, region: REGION },
      {
        shard: A,
        signal: new AbortController().signal,
        now: NOW,
        thresholds: DEFAULT_SAVINGS_THRESHOLDS,
        prices: async region => new PriceList(shippedRegionPrices(region)!),
      },
    );

    expect(findings.map(f => [f.kind, f.resource.name])).toEqual([
      ['ec2-idle', 'i-0idle'],
    ]);
    // CPU average and maximum, network in and out: of one instance only.
    expect(env.fake.cloudwatch.metricsRequested).toBe(4);
  });
});
