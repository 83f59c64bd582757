import { mockServices } from '@backstage/backend-test-utils';
import { IncidentTransitionEvent } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from '../audit/AuditedChanges';
import { testCatalogSnapshot } from '../__testUtils__/testCatalog';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { IncidentListeners } from './IncidentListeners';
import { IncidentService } from './IncidentService';

jest.setTimeout(60_000);

const ana = { actor: 'user:default/ana' };

describe('IncidentListeners', () => {
  const databases = cloudopsTestDatabases();

  it('tells every listener of a committed transition, from the after-commit hook, whatever the others do', async () => {
    const { database } = await databases.create('SQLITE_3');
    const logger = mockServices.logger.mock();
    const heard: IncidentTransitionEvent[] = [];
    let told!: () => void;
    const done = new Promise<void>(resolve => {
      told = resolve;
    });
    const listeners = new IncidentListeners(
      [
        {
          onTransition: () => {
            throw new Error('Alertmanager is down');
          },
        },
        {
          onTransition: async event => {
            // Already committed: the listener reads the new state.
            const stored = await database.stores.incidents.getIncident(
              event.incident.id,
            );
            expect(stored?.state).toBe(event.to);
            heard.push(event);
            told();
          },
        },
      ],
      { database, logger },
    );
    database.onIncidentChanges({
      afterCommit: committed => listeners.changed(committed),
    });
    const service = new IncidentService(
      database,
      new AuditedChanges(database, mockServices.auditor.mock()),
      await testCatalogSnapshot(),
    );
    const incident = await service.create(
      { title: 'Checkout down', severity: 'critical' },
      ana,
    );
    await service.transition(incident.id, 'acknowledged', {
      ...ana,
      note: 'looking',
    });
    await done;
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({
      from: 'open',
      to: 'acknowledged',
      actor: 'user:default/ana',
      note: 'looking',
      incident: { id: incident.id, state: 'acknowledged' },
    });
    await expect(heard[0].signals()).resolves.toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Alertmanager is down'),
    );

    // A transition that is refused is not told.
    await expect(service.transition(incident.id, 'open', ana)).rejects.toThrow(
      /can go to/,
    );
    expect(heard).toHaveLength(1);
  });
});
