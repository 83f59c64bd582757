const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` is a UUID: anything else names no row (and must not reach PostgreSQL's uuid type). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
