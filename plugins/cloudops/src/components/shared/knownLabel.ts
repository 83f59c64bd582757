/**
 * The label of a value of a domain enumeration (a state, a severity, a
 * timeline entry's type) when this frontend knows the value, else the value
 * itself: a newer backend may send values added since, and they still show,
 * as their raw word rather than as a message key.
 */
export function knownLabel<T extends string>(
  known: readonly T[],
  value: string,
  label: (value: T) => string,
): string {
  return isKnown(known, value) ? label(value) : value;
}

function isKnown<T extends string>(
  known: readonly T[],
  value: string,
): value is T {
  return (known as readonly string[]).includes(value);
}
