import { scenarioPathTests } from './__testUtils__/scenarioPathTests';

jest.setTimeout(180_000);

describe('chaos scenarios on the platform, end to end', () => {
  scenarioPathTests(['network-latency', 'node-not-ready', 'dependency-outage']);
});
