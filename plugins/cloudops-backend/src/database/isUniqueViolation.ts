/** Whether a database error is a unique-key conflict (PostgreSQL or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === '23505' || (code?.startsWith('SQLITE_CONSTRAINT') ?? false);
}
