import { CloudopsDatabase } from '../database/CloudopsDatabase';

/** A fixed clock for store tests: `at(s)` is `s` seconds after `t0`. */
export const t0 = new Date('2026-11-23T10:00:00Z');
export const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** An incident for rows that reference one. */
export function storedIncident(database: CloudopsDatabase) {
  return database.stores.incidents.createIncident({
    title: 'Checkout down',
    severity: 'critical',
    createdBy: 'test',
    createdAt: t0,
  });
}
