/**
 * If-Match on every edit: the SPA changes a thing only if it is still the version the user saw.
 *
 * The API's version of a row is its `updated_at` as microseconds since the epoch, in hex
 * (app/services/_versions.py), and its ETag is that in quotes; so the version of anything the SPA
 * holds follows from the `updated_at` it already has, with no extra request. A change to a thing
 * someone else changed meanwhile is refused with 409 `stale-if-match`, shown as "changed by
 * someone else, reload" (problem.ts), and every query is refetched (providers.tsx).
 */

/** `null`: a document that was never saved (the escalation policy before its first save). */
export type Version = string | null;

const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/** The API's version of a row whose `updated_at` is this RFC 3339 instant (µs precision kept). */
export function versionOf(updatedAt: string): string {
  const match = INSTANT.exec(updatedAt);
  if (!match) throw new Error(`not an RFC 3339 instant: ${updatedAt}`);
  const [, whole, fraction = '', zone] = match;
  const seconds = BigInt(Date.parse(`${whole}${zone}`) / 1000);
  const micros = BigInt(fraction.padEnd(6, '0').slice(0, 6));
  return (seconds * 1_000_000n + micros).toString(16);
}

/** The If-Match header for a change to the row last read with this `updated_at`. */
export function ifMatch(updatedAt: Version): { 'if-match': string } {
  return { 'if-match': `"${updatedAt === null ? '0' : versionOf(updatedAt)}"` };
}

/** The same, from an ETag the API sent (what the escalation policy, which has no `updated_at`, has). */
export function ifMatchEtag(etag: string): { 'if-match': string } {
  return { 'if-match': etag };
}
