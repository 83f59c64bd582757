import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SeriesPoint } from '../../detectors';
import { PriceList } from '../prices/PriceList';
import { shippedRegionPrices } from '../prices/onDemandPriceTable';
import { detectEc2Idle } from './ec2Idle';
import { detectEc2Rightsizing } from './ec2Rightsizing';

// Real CloudWatch CPUUtilization of EC2 instances, 5-minute points over 14
// days, from the Numenta Anomaly Benchmark's realAWSCloudwatch corpus.
const awsDir = join(
  process.env.CLOUDOPS_SHARED_DIR ??
    resolve(__dirname, '../../../../../../shared'),
  'datasets/nab/data/realAWSCloudwatch',
);
const hasData = existsSync(join(awsDir, 'ec2_cpu_utilization_24ae8d.csv'));
if (!hasData) {
  // eslint-disable-next-line no-console
  console.warn(
    `Recorded usage shapes skipped: no NAB realAWSCloudwatch data at ${awsDir}`,
  );
}

const HOUR = 3_600_000;

function readTrace(name: string): SeriesPoint[] {
  return readFileSync(join(awsDir, `${name}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map(line => {
      const [time, value] = line.split(',');
      return { timestamp: Date.parse(`${time}Z`), value: Number(value) };
    });
}

/** Hourly averages, as the idle rule reads them. */
function hourlyAverages(points: SeriesPoint[]): SeriesPoint[] {
  const hours = new Map<number, number[]>();
  for (const p of points) {
    const hour = Math.floor(p.timestamp / HOUR) * HOUR;
    hours.set(hour, [...(hours.get(hour) ?? []), p.value]);
  }
  return [...hours].map(([timestamp, v]) => ({
    timestamp,
    value: v.reduce((a, b) => a + b, 0) / v.length,
  }));
}

/** Detection runs at the midnight after the trace ends. */
function endOf(points: SeriesPoint[]): Date {
  const last = points[points.length - 1].timestamp;
  return new Date(Math.ceil(last / 86_400_000) * 86_400_000);
}

const prices = new PriceList(shippedRegionPrices('us-east-1')!);

(hasData ? describe : describe.skip)(
  'detectors on recorded CloudWatch shapes',
  () => {
    function idle(trace: string) {
      const raw = readTrace(trace);
      const cpu = hourlyAverages(raw);
      // A quiet network (1 MB a day), so the CPU shape decides.
      const network = cpu.map(p => ({
        timestamp: p.timestamp,
        value: 1_000_000 / 24,
      }));
      return detectEc2Idle(
        {
          arn: trace,
          instanceId: trace,
          instanceType: 'm5.large',
          region: 'us-east-1',
          cpu,
          network,
        },
        prices,
        endOf(raw),
      );
    }

    it.each([
      'ec2_cpu_utilization_24ae8d',
      'ec2_cpu_utilization_c6585a',
      'ec2_cpu_utilization_53ea38',
    ])('flags the idle instance %s', trace => {
      const finding = idle(trace)!;
      expect(finding.kind).toBe('ec2-idle');
      expect(finding.evidence.metrics.lowDays).toBeGreaterThanOrEqual(13);
    });

    it.each(['ec2_cpu_utilization_77c1ca', 'ec2_cpu_utilization_fe7f93'])(
      'does not flag the bursty instance %s, which Trusted Advisor’s rule alone would',
      trace => {
        expect(idle(trace)).toBeUndefined();
        const raw = readTrace(trace);
        const cpu = hourlyAverages(raw);
        const alone = detectEc2Idle(
          {
            arn: trace,
            instanceId: trace,
            instanceType: 'm5.large',
            region: 'us-east-1',
            cpu,
            network: cpu.map(p => ({
              timestamp: p.timestamp,
              value: 1_000_000 / 24,
            })),
          },
          prices,
          endOf(raw),
          {
            cpuPercent: 10,
            networkMb: 5,
            minLowDays: 4,
            lookbackDays: 14,
            burstCpuPercent: 100,
            burstNetworkMb: Infinity,
          },
        );
        expect(alone).toBeDefined();
      },
    );

    it.each([
      'ec2_cpu_utilization_825cc2',
      'ec2_cpu_utilization_ac20cd',
      'ec2_cpu_utilization_5f5533',
    ])('does not flag the busy instance %s as idle', trace =>
      expect(idle(trace)).toBeUndefined(),
    );

    it('right-sizes the steady 43% instance to what its peaks need', () => {
      const raw = readTrace('ec2_cpu_utilization_5f5533');
      const at = endOf(raw);
      const memoryAt = (percent: number) =>
        raw.map(p => ({ timestamp: p.timestamp, value: percent }));
      const memory = memoryAt(30);
      const on = (instanceType: string, memoryPercent = 30) =>
        detectEc2Rightsizing(
          {
            arn: 'i',
            instanceId: 'i',
            instanceType,
            region: 'us-east-1',
            cpu: raw,
            memory: memoryAt(memoryPercent),
          },
          prices,
          at,
        );
      // p99.5 ≈ 55% of 16 vCPU + 20% ≈ 10.6 vCPU; 64 GiB × 30% + 20% ≈ 23 GiB.
      const big = on('m5.4xlarge')!;
      expect(big.recommended.spec.vcpu).toBe(16);
      expect(big.recommended.spec.memoryGiB).toBe(32);
      // On an m5.large it needs 1.3 of 2 vCPU: a c5.large fits only while
      // memory does (4 GiB).
      expect(on('m5.large')?.recommended.spec.instanceType).toBe('c5.large');
      expect(on('m5.large', 60)).toBeUndefined();
      // The 90% instance needs all it has.
      const busy = readTrace('ec2_cpu_utilization_825cc2');
      expect(
        detectEc2Rightsizing(
          {
            arn: 'b',
            instanceId: 'b',
            instanceType: 'c5.2xlarge',
            region: 'us-east-1',
            cpu: busy,
            memory,
          },
          prices,
          endOf(busy),
        ),
      ).toBeUndefined();
    });
  },
);
