import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const day = Date.UTC(2026, 10, 20);

describe('IncidentDailyCounts', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'adds up the changes of concurrent transactions to the same cells on %p',
    async id => {
      const { database, knex } = await databases.create(id);
      const opened = (minute: number, severity: 'critical' | 'warning') => ({
        title: `incident ${minute}`,
        severity,
        systemRef: 'system:default/shop',
        createdBy: 'cloudops',
        createdAt: new Date(day + minute * 60_000),
      });
      await Promise.all(
        Array.from({ length: 8 }, (_, t) =>
          database.transaction(async stores => {
            // Cells in opposite orders in alternate transactions.
            const severities =
              t % 2 ? ['critical', 'warning'] : ['warning', 'critical'];
            for (const severity of severities as Array<
              'critical' | 'warning'
            >) {
              const incident = await stores.incidents.createIncident(
                opened(t, severity),
              );
              await stores.incidents.updateIncident(incident.id, {
                state: 'acknowledged',
                acknowledgedAt: new Date(day + (t + 2) * 60_000),
                updatedAt: new Date(day + (t + 2) * 60_000),
              });
            }
          }),
        ),
      );
      const rows = await knex('incident_daily_counts')
        .where('n', '>', 0)
        .orderBy('severity');
      expect(
        rows.map(row => ({
          day: Number(row.day),
          severity: row.severity,
          state: row.state,
          system: row.system_ref,
          entity: row.entity_ref,
          n: Number(row.n),
          ackN: Number(row.ack_n),
          ackMs: Number(row.ack_ms),
        })),
      ).toEqual(
        ['critical', 'warning'].map(severity => ({
          day: day / 86_400_000,
          severity,
          state: 'acknowledged',
          system: 'system:default/shop',
          entity: '',
          n: 8,
          ackN: 8,
          ackMs: 8 * 120_000,
        })),
      );
      // The open cells they passed through net to nothing.
      const open = await knex('incident_daily_counts').where({
        state: 'open',
      });
      expect(open.map(row => Number(row.n))).toEqual(open.map(() => 0));
    },
  );
});
