/**
 * An error the fake answers with, as AWS would: an HTTP status, the error
 * code the service's protocol carries, and who is at fault.
 */
export class AwsFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fault: 'Sender' | 'Receiver' = status >= 500
      ? 'Receiver'
      : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

/** A request that is invalid: AWS's usual 400 with the service's own code. */
export function invalid(code: string, message: string): AwsFault {
  return new AwsFault(400, code, message);
}

/** Reads a required member of a request, or fails as AWS does. */
export function required<T>(value: T | undefined | null, name: string): T {
  if (value === undefined || value === null || value === '') {
    throw invalid(
      'ValidationException',
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}
