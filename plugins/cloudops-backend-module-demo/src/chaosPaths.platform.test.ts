import { DemoScenarioKind } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { expectWholePath } from './__testUtils__/scenarioPaths';

jest.setTimeout(180_000);

describe('chaos scenarios on the platform, end to end', () => {
  it.each<DemoScenarioKind>([
    'network-latency',
    'node-not-ready',
    'dependency-outage',
  ])('%s travels the whole path', kind => expectWholePath(kind));
});
