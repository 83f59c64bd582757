import path from 'node:path';
import { at, storedIncident, t0 } from '../__testUtils__/storedIncident';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { recordOrphanVolume } from '../savings/__testUtils__/orphanVolume';
import { lockWaiters } from './__testUtils__/lockWaiters';
import { NewRemediationRequest } from './RemediationStore';

const MIGRATIONS = path.resolve(__dirname, '../../migrations');

/** A request of the given subject. */
const requestOf = (
  subject: Pick<NewRemediationRequest, 'incidentId' | 'opportunityId'>,
): NewRemediationRequest => ({
  ...subject,
  executor: 'aws-ssm-automation',
  ref: 'CloudOps-SnapshotAndDeleteVolume',
  parameters: { VolumeId: 'vol-0123456789abcdef0' },
  requestedBy: 'user:default/ana',
  state: 'requested',
  severity: 'info',
  policy: { approvalsRequired: 0, reasons: [], targets: [] },
});

jest.setTimeout(60_000);

describe('DatabaseRemediationStore', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'records requests, one decision per approver, and moves state only from the expected states on %p',
    async id => {
      const { database } = await databases.create(id);
      const { remediations } = database.stores;
      const incident = await storedIncident(database);
      const request = await remediations.create(
        {
          incidentId: incident.id,
          ruleId: 'db-cpu',
          executor: 'ssm',
          ref: 'AWS-RestartEC2Instance',
          parameters: { InstanceId: ['i-1'] },
          requestedBy: 'cloudops',
          state: 'awaiting-approval',
          severity: 'critical',
          policy: { approvalsRequired: 2, reasons: ['critical'], targets: [] },
        },
        t0,
      );
      await remediations.addDecision(
        request.id,
        { actor: 'user:default/ana', decision: 'approve', via: 'portal' },
        at(1),
      );
      await expect(
        remediations.addDecision(
          request.id,
          { actor: 'user:default/ana', decision: 'approve', via: 'slack' },
          at(2),
        ),
      ).rejects.toMatchObject({
        // Not toThrow(): SQLite's error class can come from another test file's realm.
        message: expect.stringMatching(/UNIQUE constraint|duplicate key/),
      });
      expect(
        await remediations.transition(
          request.id,
          ['awaiting-approval'],
          { state: 'approved' },
          at(3),
        ),
      ).toBe(true);
      expect(
        await remediations.transition(
          request.id,
          ['awaiting-approval'],
          { state: 'rejected' },
          at(4),
        ),
      ).toBe(false);
      const stored = await remediations.get(request.id);
      expect(stored).toMatchObject({
        state: 'approved',
        parameters: { InstanceId: ['i-1'] },
        decisions: [{ actor: 'user:default/ana', via: 'portal' }],
      });
      expect(
        await remediations.list({
          incidentId: incident.id,
          state: ['approved'],
          limit: 10,
        }),
      ).toHaveLength(1);
    },
  );

  it.each(databases.ids)(
    'stores when waiting for approvals ends and lists the requests whose wait is over, longest expired first, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { remediations } = database.stores;
      const incident = await storedIncident(database);
      const waiting = async (expiresAt: Date, state = 'awaiting-approval') => {
        const created = await remediations.create(
          requestOf({ incidentId: incident.id }),
          t0,
        );
        await remediations.transition(
          created.id,
          ['requested'],
          { state: state as 'awaiting-approval', approvalExpiresAt: expiresAt },
          t0,
        );
        return created.id;
      };
      const later = await waiting(at(20));
      const sooner = await waiting(at(10));
      await waiting(at(5), 'approved');
      expect((await remediations.get(sooner))?.approvalExpiresAt).toBe(
        at(10).toISOString(),
      );
      expect(await remediations.listExpiredApprovals(at(9), 10)).toEqual([]);
      expect(await remediations.listExpiredApprovals(at(10), 10)).toEqual([
        sooner,
      ]);
      expect(await remediations.listExpiredApprovals(at(30), 10)).toEqual([
        sooner,
        later,
      ]);
      expect(await remediations.listExpiredApprovals(at(30), 1)).toEqual([
        sooner,
      ]);
    },
  );

  it.each(databases.ids)(
    'gives requests already waiting when the expiry came the default day from when they started waiting, on %p',
    async id => {
      const { knex, database } = await databases.create(id);
      const { remediations } = database.stores;
      const incident = await storedIncident(database);
      const waiting = await remediations.create(
        {
          ...requestOf({ incidentId: incident.id }),
          state: 'awaiting-approval',
        },
        t0,
      );
      const expired = await remediations.create(
        { ...requestOf({ incidentId: incident.id }), state: 'expired' },
        t0,
      );
      const migration = '20261130200000_remediation_approval_expiry.js';
      // Down: the previous version knows no expired requests.
      await knex.migrate.down({ directory: MIGRATIONS, name: migration });
      expect((await remediations.get(expired.id))?.state).toBe('blocked');
      await knex.migrate.latest({ directory: MIGRATIONS });
      expect((await remediations.get(waiting.id))?.approvalExpiresAt).toBe(
        at(24 * 3600).toISOString(),
      );
    },
  );

  it.each(databases.ids)(
    'hands a locked request to one transaction at a time: the next sees what the first wrote, on %p',
    async id => {
      const { knex, database } = await databases.create(id);
      const incident = await storedIncident(database);
      const { id: requestId } = await database.stores.remediations.create(
        {
          ...requestOf({ incidentId: incident.id }),
          state: 'awaiting-approval',
        },
        t0,
      );
      let locked = () => {};
      const isLocked = new Promise<void>(resolve => {
        locked = resolve;
      });
      let release = () => {};
      const released = new Promise<void>(resolve => {
        release = resolve;
      });
      const first = database.transaction(async stores => {
        await stores.remediations.getForUpdate(requestId);
        locked();
        await released;
        await stores.remediations.transition(
          requestId,
          ['awaiting-approval'],
          { state: 'approved' },
          at(1),
        );
      });
      await isLocked;
      const second = database.transaction(
        async stores => (await stores.remediations.getForUpdate(requestId))!,
      );
      await lockWaiters(knex, 1);
      release();
      await first;
      expect((await second).state).toBe('approved');
    },
  );

  it.each(databases.ids)(
    'keeps a savings opportunity as the subject, exactly one subject per request, on %p',
    async id => {
      const { knex, database } = await databases.create(id);
      const { remediations } = database.stores;
      const incident = await storedIncident(database);
      const opportunity = await recordOrphanVolume(database);
      const created = await remediations.create(
        requestOf({ opportunityId: opportunity.id }),
        t0,
      );
      expect(await remediations.get(created.id)).toMatchObject({
        opportunityId: opportunity.id,
        incidentId: undefined,
      });
      await remediations.create(requestOf({ incidentId: incident.id }), t0);
      expect(
        (
          await remediations.list({ opportunityId: opportunity.id, limit: 10 })
        ).map(r => r.id),
      ).toEqual([created.id]);
      for (const subject of [
        {},
        { incidentId: incident.id, opportunityId: opportunity.id },
      ]) {
        await expect(
          remediations.create(requestOf(subject), t0),
        ).rejects.toMatchObject({
          message: expect.stringMatching(
            /CHECK constraint failed|violates check constraint/,
          ),
        });
      }

      // Down drops the opportunity's request (it has no incident) and keeps the rest.
      await knex.migrate.down({
        directory: MIGRATIONS,
        name: '20261125000000_remediation_subjects.js',
      });
      expect(await knex('remediation_requests').pluck('incident_id')).toEqual([
        incident.id,
      ]);
      await knex.migrate.latest({ directory: MIGRATIONS });
      expect(
        await knex.schema.hasColumn('remediation_requests', 'opportunity_id'),
      ).toBe(true);
    },
  );
});
