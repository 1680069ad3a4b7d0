import { isUuid } from "./uuid.ts";

/**
 * Where a keyset page ends, for rows ordered by (createdAt, id): the last row's values, which
 * the next page's query compares against instead of skipping an offset.
 */
export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to clients (base64url), so the ordering can change without breaking their code. */
export function encodeCursor(position: KeysetCursor): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString(
    "base64url",
  );
}

/** The position a cursor names, or undefined when it is not one this service issued. */
export function decodeCursor(cursor: string): KeysetCursor | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== "string" || typeof id !== "string" || !isUuid(id)) return undefined;
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt) return undefined;
  return { createdAt: date, id };
}
