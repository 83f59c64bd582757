import { TestDatabaseId } from '@backstage/backend-test-utils';
import { StoredSignal } from '../database/SignalStore';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { incidentSignals } from './incidentSignals';

jest.setTimeout(60_000);

const at = (minute: number) =>
  new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString();

function point(
  fingerprint: string,
  minute: number,
  value: number,
): StoredSignal {
  return {
    id: `${fingerprint}-${minute}`,
    fingerprint,
    source: 'prometheus',
    kind: 'metric',
    name: fingerprint,
    value,
    labels: {},
    timestamp: at(minute),
  };
}

describe('incidentSignals', () => {
  const databases = cloudopsTestDatabases();

  async function setup(id: TestDatabaseId) {
    const { database } = await databases.create(id);
    const { signals, incidents } = database.stores;
    const incident = await incidents.createIncident({
      title: 'CPU',
      severity: 'critical',
      createdBy: 'cloudops',
    });
    // Series cpu: a point a minute from 0 to 59; the one at 30 formed the incident.
    // Series other: never part of the incident.
    await signals.insertNew(
      [
        ...Array.from({ length: 60 }, (_, m) => point('cpu', m, m)),
        point('other', 30, 1),
      ],
      new Date(),
    );
    const formed = point('cpu', 30, 30);
    await signals.linkToIncident([formed, formed], incident.id);
    return { signals, incidentId: incident.id };
  }

  it.each(databases.ids)(
    'gives the linked signals alone without context on %p',
    async id => {
      const { signals, incidentId } = await setup(id);
      const { items, linked } = await incidentSignals(signals, incidentId, 0);
      expect(items.map(s => s.id)).toEqual(['cpu-30']);
      expect(linked).toEqual(items);
    },
  );

  it.each(databases.ids)(
    'adds the same series around the incident, oldest first, on %p',
    async id => {
      const { signals, incidentId } = await setup(id);
      const { items, linked } = await incidentSignals(
        signals,
        incidentId,
        10 * 60_000,
      );
      expect(linked.map(s => s.id)).toEqual(['cpu-30']);
      expect(items.map(s => s.id)).toEqual(
        Array.from({ length: 21 }, (_, i) => `cpu-${20 + i}`),
      );
      expect(items[0].timestamp).toBe(at(20));
    },
  );

  it.each(databases.ids)(
    'has nothing to add for an incident without signals on %p',
    async id => {
      const { signals } = await setup(id);
      expect(
        await incidentSignals(
          signals,
          '00000000-0000-4000-8000-000000000000',
          60_000,
        ),
      ).toEqual({ linked: [], items: [] });
    },
  );
});
