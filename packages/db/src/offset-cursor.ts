/**
 * Cursors of ranked lists (search results): how many best matches came before. Ranks shift as
 * rows change, so they are no key to page on; a count is. Opaque to clients (base64url) and
 * tagged, so a keyset cursor is never taken for one of these.
 */
export function encodeOffsetCursor(seen: number): string {
  return Buffer.from(JSON.stringify(["rank", seen])).toString("base64url");
}

/** How many matches the cursor's page ended after, or undefined when it is not such a cursor. */
export function decodeOffsetCursor(cursor: string): number | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== "rank") return undefined;
  const seen = parsed[1];
  return Number.isSafeInteger(seen) && seen >= 0 ? seen : undefined;
}
