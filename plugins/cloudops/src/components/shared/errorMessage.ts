/** The backend's own message of a failed call (a ResponseError's cause), else the error's. */
export function errorMessage(error: unknown): string {
  const e = error as Error & { cause?: Error };
  return e.cause?.message ?? e.message;
}
