import {
  LifecycleService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogSnapshot } from './CatalogSnapshot';

function component(name: string, etag: string, runsOn?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      uid: `uid-${name}`,
      etag,
      annotations: runsOn ? { 'backstage.io/kubernetes-id': runsOn } : {},
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

/** A catalog whose entities the test changes; it records what is asked. */
function changingCatalog(entities: Entity[]) {
  const requests: Array<string[] | undefined> = [];
  const catalog = {
    async *streamEntities(request?: { fields?: string[] }) {
      requests.push(request?.fields);
      yield entities.map(e => JSON.parse(JSON.stringify(e)));
    },
  } as unknown as CatalogService;
  return { catalog, requests };
}

describe('CatalogSnapshot', () => {
  it('rebuilds the entity index when the catalog changes, and only then', async () => {
    const entities = [component('checkout', 'e1', 'checkout')];
    const { catalog, requests } = changingCatalog(entities);
    const snapshot = new CatalogSnapshot({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    await snapshot.refresh();
    const signal = {
      source: 'alertmanager',
      kind: 'alert' as const,
      name: 'KubePodCrashLooping',
      timestamp: '2026-11-22T10:00:00Z',
      labels: { app: 'payments' },
    };
    expect(snapshot.index.resolve(signal)).toBeUndefined();

    expect(await snapshot.refreshIfChanged()).toBe(false);
    expect(requests.at(-1)).toEqual(
      expect.arrayContaining(['metadata.uid', 'metadata.etag']),
    );

    entities.push(component('payments', 'e1', 'payments'));
    expect(await snapshot.refreshIfChanged()).toBe(true);
    expect(snapshot.index.resolve(signal)?.ref).toBe(
      'component:default/payments',
    );

    // A changed entity (new etag) rebuilds too: payments now runs as pay-api.
    entities[1] = component('payments', 'e2', 'pay-api');
    expect(await snapshot.refreshIfChanged()).toBe(true);
    expect(snapshot.index.resolve(signal)).toBeUndefined();

    entities.pop();
    expect(await snapshot.refreshIfChanged()).toBe(true);
    expect(await snapshot.refreshIfChanged()).toBe(false);
  });

  describe('first read', () => {
    /** Starts it with the scheduler and lifecycle recording what it is given. */
    async function started(snapshot: CatalogSnapshot) {
      const startupHooks: Array<() => Promise<void>> = [];
      await snapshot.start({
        scheduler: {
          scheduleTask: jest.fn(),
        } as unknown as SchedulerService,
        lifecycle: {
          addStartupHook: (hook: () => Promise<void>) =>
            startupHooks.push(hook),
        } as unknown as LifecycleService,
        frequencySeconds: 600,
        changeCheckSeconds: 10,
        firstReadWaitSeconds: 15,
      });
      return startupHooks;
    }
    const settledYet = async (promise: Promise<void>) => {
      let settled = false;
      promise.then(() => {
        settled = true;
      });
      for (let turn = 0; turn < 5; turn++) await Promise.resolve();
      return settled;
    };

    afterEach(() => jest.useRealTimers());

    it('settles when the catalog is first read', async () => {
      const snapshot = new CatalogSnapshot({
        catalog: changingCatalog([component('checkout', 'e1', 'checkout')])
          .catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      });
      const hooks = await started(snapshot);
      expect(await settledYet(snapshot.firstRead)).toBe(false);
      await Promise.all(hooks.map(hook => hook()));
      expect(await settledYet(snapshot.firstRead)).toBe(true);
      expect(snapshot.index.get('component:default/checkout')).toBeDefined();
    });

    it('settles once its wait runs out when the catalog cannot be read, and says so', async () => {
      jest.useFakeTimers();
      const logger = mockServices.logger.mock();
      const snapshot = new CatalogSnapshot({
        catalog: {
          // eslint-disable-next-line require-yield
          async *streamEntities() {
            throw new Error('catalog unavailable');
          },
        } as unknown as CatalogService,
        auth: mockServices.auth(),
        logger,
      });
      const hooks = await started(snapshot);
      await Promise.all(hooks.map(hook => hook()));
      expect(await settledYet(snapshot.firstRead)).toBe(false);

      jest.advanceTimersByTime(14_999);
      expect(await settledYet(snapshot.firstRead)).toBe(false);
      jest.advanceTimersByTime(1);
      expect(await settledYet(snapshot.firstRead)).toBe(true);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('has not been read 15 s after start'),
      );
      expect(snapshot.builtAt).toBeUndefined();
    });
  });
});
