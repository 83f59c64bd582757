export { FakeAws } from './FakeAws';
export type { CallRecord } from './FakeAws';
export { AwsFault } from './AwsFault';
export type { FaultRule } from './faults';
export type { Identity } from './FakeIdentities';
export type { FakeMetricAlarm } from './services/cloudwatch';
export type { MetricKey, SyntheticData } from './services/metricStore';
