import { at, storedIncident, t0 } from '../__testUtils__/storedIncident';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';

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
});
