import { mockServices } from '@backstage/backend-test-utils';
import { WasteDetector } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { changedMeanwhile } from './__testUtils__/changedMeanwhile';
import { idleFinding } from './__testUtils__/findings';
import { moveNow, testPipeline } from './__testUtils__/ledger';
import { OpportunitySweep, scanIntervalOf } from './OpportunitySweep';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-02T06:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const SCAN_INTERVAL = 6 * HOUR;

/** A detector that lists `shards` (or fails to) and finds nothing. */
const detector = (
  id: string,
  shards: () => Promise<string[]>,
  schedule?: WasteDetector['schedule'],
): WasteDetector => ({ id, shards, schedule, detect: async () => [] });

/** Records `resources` (idle instances) on a detector's shard; their ids by name. */
async function record(
  database: CloudopsDatabase,
  detectorId: string,
  shard: string,
  resources: string[],
  when: Date,
): Promise<Record<string, string>> {
  await (
    await testPipeline(database)
  ).record(
    detectorId,
    shard,
    resources.map(name => idleFinding(name, 10)),
    when,
  );
  const stored = await database.stores.opportunities.listForShard(
    detectorId,
    shard,
    ['detected'],
  );
  return Object.fromEntries(stored.map(o => [o.resource.name, o.id]));
}

/** Ana snoozes the opportunity or opens its PR. */
const move = (id: string, to: 'snoozed' | 'pr_opened') =>
  moveNow(id, {
    to,
    actor: 'user:default/ana',
    at: T0,
    snoozeUntil: at(30 * 24),
    pullRequestUrl: 'https://git/pr/4',
  });

const sweepOf = (database: CloudopsDatabase) =>
  new OpportunitySweep({
    database,
    logger: mockServices.logger.mock(),
    scanIntervalMs: SCAN_INTERVAL,
  });

describe('OpportunitySweep', () => {
  const databases = cloudopsTestDatabases();

  it('reads a detector scan interval from its schedule', () => {
    expect(scanIntervalOf({}, SCAN_INTERVAL)).toBe(SCAN_INTERVAL);
    const schedule = (frequency: any) => ({
      schedule: { frequency, timeout: { minutes: 1 } },
    });
    expect(scanIntervalOf(schedule({ hours: 2 }), SCAN_INTERVAL)).toBe(
      2 * HOUR,
    );
    expect(
      scanIntervalOf(schedule({ cron: '0 * * * *' }), SCAN_INTERVAL),
    ).toBeUndefined();
    expect(
      scanIntervalOf(schedule({ trigger: 'manual' }), SCAN_INTERVAL),
    ).toBeUndefined();
  });

  it.each(databases.ids)(
    'expires what no scan will look at again, on %p',
    async id => {
      const { database } = await databases.create(id);
      // Shard a's scans have failed since T0.
      const listed = {
        ...(await record(database, 'aws-ec2', 'a', ['i-1'], T0)),
        ...(await record(database, 'aws-ec2', 'c', ['i-7'], at(23))),
      };
      const vanished = await record(
        database,
        'aws-ec2',
        'b',
        ['i-2', 'i-3', 'i-4'],
        at(23),
      );
      await database.transaction(move(vanished['i-3'], 'snoozed'));
      await database.transaction(move(vanished['i-4'], 'pr_opened'));
      const uninstalled = await record(database, 'old', 'x', ['i-5'], at(23));
      const unlisted = await record(database, 'failing', 'y', ['i-6'], at(23));
      const cron = await record(database, 'hourly', 'z', ['i-8'], T0);

      const expired = await sweepOf(database).sweep(
        [
          detector('aws-ec2', async () => ['a', 'c']),
          detector('failing', async () => {
            throw new Error('AccessDenied: organizations:ListAccounts');
          }),
          detector('hourly', async () => ['z'], {
            frequency: { cron: '0 * * * *' },
            timeout: { minutes: 5 },
          }),
        ],
        // Four scan intervals (a day) after i-1's last detection.
        at(25),
        new AbortController().signal,
      );
      expect(expired).toBe(4);
      const store = database.stores.opportunities;
      const stateOf = async (opportunityId: string) =>
        (await store.get(opportunityId))?.state;
      // Its shard is no longer listed: detected and snoozed ones expire.
      expect(await stateOf(vanished['i-2'])).toBe('expired');
      expect(await store.get(vanished['i-3'])).toMatchObject({
        state: 'expired',
        snoozedUntil: at(30 * 24).toISOString(),
      });
      expect(await stateOf(vanished['i-4'])).toBe('pr_opened');
      expect(await stateOf(uninstalled['i-5'])).toBe('expired');
      // Not found for four scan intervals.
      expect(await store.get(listed['i-1'])).toMatchObject({
        state: 'expired',
        stateChangedAt: at(25).toISOString(),
      });
      expect(await stateOf(listed['i-7'])).toBe('detected');
      // Shards that could not be listed, a cron schedule: kept.
      expect(await stateOf(unlisted['i-6'])).toBe('detected');
      expect(await stateOf(cron['i-8'])).toBe('detected');
      expect((await store.ledger(uninstalled['i-5'])).at(-1)).toMatchObject({
        from: 'detected',
        to: 'expired',
        actor: 'cloudops',
        note: 'Detector old is no longer installed',
      });
    },
  );

  it.each(databases.ids)(
    'leaves alone what a person moved while it swept, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { 'i-2': opportunityId } = await record(
        database,
        'aws-ec2',
        'b',
        ['i-2'],
        T0,
      );
      const logger = mockServices.logger.mock();
      const sweep = new OpportunitySweep({
        database: changedMeanwhile(
          database,
          'listForShard',
          move(opportunityId, 'pr_opened'),
        ),
        logger,
        scanIntervalMs: SCAN_INTERVAL,
      });
      expect(
        await sweep.sweep(
          [detector('aws-ec2', async () => ['a'])],
          at(1),
          new AbortController().signal,
        ),
      ).toBe(0);
      const store = database.stores.opportunities;
      expect((await store.get(opportunityId))?.state).toBe('pr_opened');
      expect((await store.ledger(opportunityId)).map(l => l.to)).toEqual([
        'detected',
        'pr_opened',
      ]);
      expect(logger.info).toHaveBeenCalledWith(
        `Left opportunity ${opportunityId} as it is rather than move it from detected to expired: another change moved it meanwhile`,
      );
    },
  );
});
