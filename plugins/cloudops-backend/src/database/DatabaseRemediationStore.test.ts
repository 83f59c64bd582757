import path from 'node:path';
import { at, storedIncident, t0 } from '../__testUtils__/storedIncident';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { recordOrphanVolume } from '../savings/__testUtils__/orphanVolume';
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
