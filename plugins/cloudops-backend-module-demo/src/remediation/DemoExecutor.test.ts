import { mockServices } from '@backstage/backend-test-utils';
import {
  Incident,
  Opportunity,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  RemediationRun,
  RunbookLibrary,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { DemoClock } from '../clock';
import { DemoFleet } from '../fleet/DemoFleet';
import { ScenarioStore } from '../scenarios/ScenarioStore';
import { DemoExecutor } from './DemoExecutor';

const WEB = 'component:default/web-storefront';
const CHECKOUT = 'component:default/checkout-service';

function executor() {
  const quiet = {
    overlapping: async () => [],
  } as unknown as ScenarioStore;
  const topCause = jest.fn(async () => CHECKOUT);
  return {
    topCause,
    executor: new DemoExecutor({
      fleet: new DemoFleet(new DemoClock(1, () => Date.now()), quiet),
      runbooks: new RunbookLibrary([], mockServices.logger.mock()),
      rootCauses: { topCause },
    }),
  };
}

const run = (
  subject: Pick<RemediationRun, 'scope' | 'incident' | 'opportunity'>,
): RemediationRun => ({
  requestId: 'r1',
  idempotencyKey: 'cloudops-r1-execute',
  ref: 'kubernetes.rollout-restart',
  parameters: {},
  dryRun: false,
  signal: new AbortController().signal,
  progress: async () => {},
  ...subject,
});

describe('DemoExecutor', () => {
  it("acts on an incident's RCA top cause, else on its scope's entity", async () => {
    const { executor: demo, topCause } = executor();
    const incident = { id: 'i1', entityRef: WEB } as Incident;
    expect(
      await demo.plan(run({ scope: { entityRef: WEB }, incident })),
    ).toMatchObject({ targets: [CHECKOUT], costImpact: 'neutral' });
    expect(topCause).toHaveBeenCalledWith('i1', expect.anything());
    topCause.mockResolvedValueOnce(undefined as unknown as string);
    expect(
      await demo.plan(run({ scope: { entityRef: WEB }, incident })),
    ).toMatchObject({ targets: [WEB] });
  });

  it("acts on a savings opportunity's entity (no incident, no RCA)", async () => {
    const { executor: demo, topCause } = executor();
    const opportunity = { id: 'o1', entityRef: WEB } as Opportunity;
    const orphan = run({ scope: { entityRef: WEB }, opportunity });
    expect(await demo.plan(orphan)).toMatchObject({
      targets: [WEB],
      summary: `restart ${WEB} in the demo fleet`,
    });
    expect(await demo.execute(orphan)).toMatchObject({
      status: 'succeeded',
      summary: `restarted ${WEB}; no injected fault was running on it`,
    });
    expect(topCause).not.toHaveBeenCalled();
    // Without an entity in its scope there is nothing to act on.
    expect(await demo.execute(run({ scope: {}, opportunity }))).toMatchObject({
      status: 'failed',
      summary: '(no entity) is not part of the demo fleet',
    });
  });
});
