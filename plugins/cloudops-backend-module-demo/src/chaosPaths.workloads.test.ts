import { scenarioPathTests } from './__testUtils__/scenarioPathTests';

jest.setTimeout(180_000);

describe('chaos scenarios on workloads, end to end', () => {
  scenarioPathTests(['cpu-stress', 'memory-leak', 'crash-loop', 'bad-deploy']);
});
