import { AwsClients } from '../../clients/AwsClients';
import { RegionObserve } from '../AwsWasteDetector';
import {
  inWindow,
  observation,
  peakShare,
  readHourlyCpu,
} from '../observation';
import { describeInstances } from './ec2Waste';

/**
 * EC2 instances after their change. EC2 reports `CPUUtilization` only
 * while an instance runs, so its hourly datapoints since the merge are the
 * hours it ran: the cost is those hours at the price of its type now. An
 * idle instance's change is in place when it is stopped or gone; a
 * right-sizing's when it runs as the recommended type, and its peak is the
 * p99 of the hourly CPU maxima on that type.
 */
export function ec2Observe(clients: AwsClients): RegionObserve {
  return async (target, opportunities, context) => {
    const { signal, now } = context;
    const instances = new Map(
      (await describeInstances(clients, target, signal)).map(i => [i.arn, i]),
    );
    const usage = await readHourlyCpu({
      clients,
      target,
      namespace: 'AWS/EC2',
      resources: opportunities
        .filter(o => instances.has(o.resource.id))
        .map(o => ({
          id: o.resource.id,
          dimensions: { InstanceId: instances.get(o.resource.id)!.instanceId },
        })),
      opportunities,
      context,
    });
    const prices = await context.prices(target.region);
    return opportunities.flatMap(o => {
      const instance = instances.get(o.resource.id);
      const cpu = instance
        ? inWindow(usage.of(o.resource.id, 'cpu'), o, now)
        : [];
      const hourly = instance
        ? prices?.instance(instance.instanceType)?.hourly ?? 0
        : 0;
      const running = instance?.state === 'running';
      const applied =
        o.kind === 'ec2-idle'
          ? !running
          : running &&
            instance!.instanceType === o.recommended.spec.instanceType;
      return observation(o, now, {
        applied,
        actualCost: cpu.length * hourly,
        peakUtilization:
          o.kind === 'ec2-rightsize' && applied ? peakShare(cpu) : undefined,
      });
    });
  };
}
