import { timingSafeEqual } from 'node:crypto';
import { Credentials } from '../config';
import { authorizationHeader } from '../http/callServer';

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The configured callers whose credentials the `Authorization` header
 * carries (a bearer token or basic auth), compared in constant time.
 */
export function callersOf<T extends { credentials: Credentials }>(
  header: string | undefined,
  callers: readonly T[],
): T[] {
  if (!header) return [];
  const given = header.trim();
  return callers.filter(caller =>
    same(given, authorizationHeader(caller.credentials)),
  );
}
