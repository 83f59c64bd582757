import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  ActionDeliveryRequest,
  CloudopsActionChannel,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from '../audit/AuditedChanges';
import { eventually } from '../__testUtils__/fakeHttpServer';
import { storedIncident } from '../__testUtils__/storedIncident';
import { testCatalogSnapshot } from '../__testUtils__/testCatalog';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { readActionOptions } from './actionOptions';
import { OutboxWorker } from './OutboxWorker';
import { RemediationService } from './RemediationService';

jest.setTimeout(60_000);

const TIMEOUT_MS = 200;
/** The lease the worker takes for a notification. */
const LEASE_MS = TIMEOUT_MS * 2 + 5_000;

describe('OutboxWorker', () => {
  const databases = cloudopsTestDatabases();
  const workers: OutboxWorker[] = [];

  /** A worker over the database whose `slack` channel records what it is handed. */
  async function setUp(id: TestDatabaseId) {
    const { database } = await databases.create(id);
    const incident = await storedIncident(database);
    const delivered: ActionDeliveryRequest[] = [];
    const channel: CloudopsActionChannel = {
      id: 'slack',
      kinds: ['notify'],
      async deliver(request) {
        delivered.push(request);
        return { result: { ts: '1.0' } };
      },
    };
    const logger = mockServices.logger.mock();
    const worker = new OutboxWorker({
      database,
      changes: new AuditedChanges(database, mockServices.auditor.mock()),
      catalog: await testCatalogSnapshot(),
      channels: new Map([[channel.id, channel]]),
      remediations: {} as RemediationService,
      options: readActionOptions(
        new ConfigReader({
          cloudops: {
            actions: {
              delivery: {
                timeout: { milliseconds: TIMEOUT_MS },
                pollInterval: { milliseconds: 50 },
              },
            },
          },
        }),
      ),
      logger,
    });
    workers.push(worker);
    const enqueue = (maxAttempts: number) =>
      database.stores.outbox
        .enqueue(
          [
            {
              incidentId: incident.id,
              kind: 'notify',
              channel: 'slack',
              target: '#noc',
              event: 'opened',
              payload: {},
              maxAttempts,
            },
          ],
          new Date(),
        )
        .then(([d]) => d);
    return { database, worker, delivered, logger, enqueue };
  }

  /** Makes the next read of the incident outlast the lease (a slow database). */
  function slowIncidentRead(
    database: CloudopsDatabase,
    during?: () => Promise<unknown>,
  ) {
    const { incidents } = database.stores;
    const read = incidents.getIncident.bind(incidents);
    jest.spyOn(incidents, 'getIncident').mockImplementationOnce(async id => {
      jest.setSystemTime(Date.now() + LEASE_MS + 1_000);
      await during?.();
      return read(id);
    });
  }

  beforeEach(() => {
    // Only the clock is fake (and runs): the database's timers are real.
    jest.useFakeTimers({
      advanceTimers: true,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map(w => w.stop()));
    jest.useRealTimers();
  });

  it.each(databases.ids)(
    'tells the channel that a delivery an operator retried may have been sent before, on %p',
    async id => {
      const { database, worker, delivered, enqueue } = await setUp(id);
      const { outbox } = database.stores;
      const d = await enqueue(1);
      // The backend died during the only attempt, after the channel took
      // it; the attempt is recorded as dead, and an operator retries it.
      const now = Date.now();
      await outbox.claimDue({ now: new Date(now), leaseMs: 1_000, limit: 1 });
      await outbox.claimDue({
        now: new Date(now + 2_000),
        leaseMs: 1_000,
        limit: 1,
      });
      await outbox.markFailed(
        d.id,
        1,
        { error: 'its last attempt never finished', dead: true },
        new Date(now + 2_000),
      );
      await outbox.retry(d.id, new Date(now));

      worker.start();
      await eventually(() => delivered.length > 0);
      expect(delivered[0]).toMatchObject({ attempt: 1, redelivery: true });
    },
  );

  it.each(databases.ids)(
    'gives a delivery back unsent when reading for it outlasted the lease, and sends it on the next attempt, on %p',
    async id => {
      const { database, worker, delivered, logger, enqueue } = await setUp(id);
      const d = await enqueue(1);
      slowIncidentRead(database);

      worker.start();
      await eventually(async () =>
        (await database.stores.outbox.get(d.id))?.status === 'delivered'
          ? true
          : undefined,
      );
      // Sent once, as a first attempt: the one given back did not count.
      expect(delivered.map(r => [r.attempt, r.redelivery])).toEqual([
        [1, false],
      ]);
      expect(await database.stores.outbox.get(d.id)).toMatchObject({
        attempts: 1,
      });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          new RegExp(`^Delivery ${d.id} to slack was not sent: .*due again$`),
        ),
      );
    },
  );

  it.each(databases.ids)(
    'sends nothing when another replica took the delivery over while reading for it, on %p',
    async id => {
      const { database, worker, delivered, logger, enqueue } = await setUp(id);
      const { outbox } = database.stores;
      const d = await enqueue(3);
      // Another replica claims it once the lease has run out.
      slowIncidentRead(database, () =>
        outbox.claimDue({ now: new Date(), leaseMs: 60_000, limit: 1 }),
      );

      worker.start();
      await eventually(() => logger.warn.mock.calls.length > 0);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/another attempt has taken it$/),
      );
      expect(delivered).toEqual([]);
      // The other replica's attempt holds it, and no failure was recorded.
      expect(await outbox.get(d.id)).toMatchObject({
        status: 'delivering',
        attempts: 2,
      });
      expect((await outbox.get(d.id))?.lastError).toBeUndefined();
    },
  );
});
