import { DemoScenarioKind } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { expectWholePath } from './__testUtils__/scenarioPaths';

jest.setTimeout(180_000);

describe('chaos scenarios on workloads, end to end', () => {
  it.each<DemoScenarioKind>([
    'cpu-stress',
    'memory-leak',
    'crash-loop',
    'bad-deploy',
  ])('%s travels the whole path', kind => expectWholePath(kind));
});
