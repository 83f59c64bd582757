import { mockServices } from '@backstage/backend-test-utils';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { RemediationLearning } from './RemediationLearning';

jest.setTimeout(60_000);

async function setUp(database: CloudopsDatabase) {
  const learning = new RemediationLearning(
    database,
    new AuditedChanges(database, mockServices.auditor.mock()),
  );
  const { incidents, rca } = database.stores;
  const incident = await incidents.createIncident({
    title: 'Cart CPU',
    severity: 'high',
    createdBy: 'cloudops',
    entityRef: 'component:default/cart',
  });
  await rca.saveRca(
    {
      incidentId: incident.id,
      createdAt: new Date().toISOString(),
      trigger: 'opened',
      faultTime: new Date().toISOString(),
      ranking: [],
      signature: ['root:component:default/cart', 'fault:cpu'],
      signatureKey: 'component:default/cart|cpu',
      narrative: '',
      narrativeSource: 'template',
      similar: [],
      remediations: [],
      inputs: { services: 1, series: 0, changes: 0, graphEdges: 0 },
    },
    'basis',
  );
  const setState = (state: 'open' | 'resolved') =>
    incidents.updateIncident(incident.id, {
      state,
      resolvedAt: state === 'resolved' ? new Date(Date.now() + 1000) : null,
      updatedAt: new Date(),
    });
  const stats = () =>
    database.stores.remediationLearning.getStats('component:default/cart|cpu');
  return { learning, incident, setState, stats };
}

describe('RemediationLearning', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'raises success when the incident resolves after an action, lowers it when it reopens, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { learning, incident, setState, stats } = await setUp(database);

      const first = await learning.recordAction(
        incident.id,
        'k8s-scale-out',
        'user:default/ana',
      );
      const second = await learning.recordAction(
        incident.id,
        'k8s-restart-workload',
        'plugin:cloudops-dispatcher',
      );
      expect(second).toMatchObject({
        outcome: 'pending',
        signatureKey: 'component:default/cart|cpu',
        actor: 'plugin:cloudops-dispatcher',
      });
      // Still open: nothing to learn yet.
      expect(await learning.reconcile(incident.id)).toBe(0);
      expect(await stats()).toEqual([]);

      await setState('resolved');
      expect(await learning.reconcileAll()).toBe(2);
      expect(await stats()).toEqual([
        { runbookId: 'k8s-restart-workload', successes: 1, failures: 0 },
      ]);
      const actions = await database.stores.remediationLearning.listActions(
        incident.id,
      );
      expect(actions.map(a => [a.id, a.outcome])).toEqual([
        [first.id, 'superseded'],
        [second.id, 'succeeded'],
      ]);
      // Deciding again changes nothing.
      expect(await learning.reconcile(incident.id)).toBe(0);

      await setState('open');
      expect(await learning.reconcile(incident.id)).toBe(1);
      expect(await stats()).toEqual([
        { runbookId: 'k8s-restart-workload', successes: 0, failures: 1 },
      ]);

      const timeline = await database.stores.incidents.getTimeline(incident.id);
      expect(timeline.filter(e => e.type === 'action')).toHaveLength(2);
      const audit = await database.stores.audit.list({
        target: incident.id,
        limit: 10,
      });
      expect(audit.map(a => a.action)).toEqual(
        expect.arrayContaining(['remediation-record', 'remediation-learn']),
      );
    },
  );

  it.each(databases.ids)(
    'counts a failed run as a failure, and rejects unknown incidents, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { learning, incident, stats } = await setUp(database);
      const action = await learning.recordAction(
        incident.id,
        'k8s-scale-out',
        'plugin:cloudops-dispatcher',
      );
      await learning.recordActionFailed(
        action.id,
        'kubectl: forbidden',
        'plugin:cloudops-dispatcher',
      );
      expect(await stats()).toEqual([
        { runbookId: 'k8s-scale-out', successes: 0, failures: 1 },
      ]);
      await expect(
        learning.recordAction(
          '00000000-0000-0000-0000-000000000000',
          'x',
          'user:default/ana',
        ),
      ).rejects.toThrow('No incident');
      await expect(
        learning.recordActionFailed('999', 'x', 'user:default/ana'),
      ).rejects.toThrow('No remediation action 999');
    },
  );
});
