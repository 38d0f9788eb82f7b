/** The bridge's per-launch access token: random, unguessable, compared in constant time. */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 256-bit token, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; a missing or differently sized candidate is simply wrong. */
export function tokenMatches(expected: string, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(candidate);
  return a.length === b.length && timingSafeEqual(a, b);
}
