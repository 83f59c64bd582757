import { TestDatabaseId } from '@backstage/backend-test-utils';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const at = (seconds: number) =>
  new Date(Date.UTC(2026, 10, 23, 10, 0, seconds));
const timing = { debounceMs: 10_000, maxDelayMs: 30_000 };

describe('DatabaseRcaRequestStore', () => {
  const databases = cloudopsTestDatabases();

  /** A store with one incident whose RCA was requested at 0 s. */
  async function requested(id: TestDatabaseId) {
    const { database } = await databases.create(id);
    const { incidents, rcaRequests } = database.stores;
    const incident = await incidents.createIncident({
      title: 't',
      severity: 'warning',
      createdBy: 'cloudops',
    });
    await rcaRequests.request(incident.id, { now: at(0), ...timing });
    return { rcaRequests, incident };
  }

  it.each(databases.ids)(
    'debounces requests and lets one replica claim each run, on %p',
    async id => {
      const { rcaRequests, incident } = await requested(id);
      await rcaRequests.request(incident.id, { now: at(5), ...timing });
      expect(await rcaRequests.nextDue()).toEqual(at(15));
      // Growth keeps pushing the run back, but not beyond the maximum delay.
      await rcaRequests.request(incident.id, { now: at(25), ...timing });
      expect(await rcaRequests.nextDue()).toEqual(at(30));

      const claim = (owner: string, seconds: number) =>
        rcaRequests.claimDue({
          now: at(seconds),
          owner,
          leaseMs: 60_000,
          limit: 5,
        });
      expect(await claim('a', 29)).toEqual([]);
      const [mine] = await claim('a', 31);
      expect(mine).toMatchObject({ incidentId: incident.id, attempts: 1 });
      expect(await claim('b', 32)).toEqual([]);

      // A request during the run keeps the row for another run.
      await rcaRequests.request(incident.id, { now: at(33), ...timing });
      await rcaRequests.finish(mine, 'a');
      expect(await rcaRequests.nextDue()).toEqual(at(43));
      const [again] = await claim('b', 44);
      expect(again.version).toBeGreaterThan(mine.version);
      await rcaRequests.finish(again, 'b');
      expect(await rcaRequests.nextDue()).toBeUndefined();
    },
  );

  it.each(databases.ids)(
    'hands a run over when its lease ends, and retries failed runs later, on %p',
    async id => {
      const { rcaRequests, incident } = await requested(id);
      const lease = { leaseMs: 5_000, limit: 5 };
      const [crashed] = await rcaRequests.claimDue({
        now: at(11),
        owner: 'a',
        ...lease,
      });
      expect(crashed).toBeDefined();
      expect(
        await rcaRequests.claimDue({ now: at(15), owner: 'b', ...lease }),
      ).toEqual([]);
      const [taken] = await rcaRequests.claimDue({
        now: at(17),
        owner: 'b',
        ...lease,
      });
      expect(taken).toMatchObject({ incidentId: incident.id, attempts: 2 });
      await rcaRequests.release(taken, 'b', at(50));
      expect(await rcaRequests.nextDue()).toEqual(at(50));
      // A finish by a replica that lost its lease does nothing.
      await rcaRequests.finish(crashed, 'a');
      expect(await rcaRequests.nextDue()).toEqual(at(50));
    },
  );
});
