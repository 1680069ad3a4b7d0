import { isUuid } from "@kai/db";
import { z } from "zod";

/** Where a page of the inbox ends: newest first by (createdAt, id). */
export interface InboxCursor {
  createdAt: Date;
  id: string;
}

const payload = z.tuple([z.iso.datetime(), z.string().refine(isUuid)]);

/** Opaque to clients (base64url), so the ordering can change without breaking them. */
export function encodeCursor(position: InboxCursor): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString(
    "base64url",
  );
}

/** The position a cursor names, or undefined when it is not one this service issued. */
export function decodeCursor(cursor: string): InboxCursor | undefined {
  try {
    const parsed = payload.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString()));
    if (!parsed.success) return undefined;
    const [createdAt, id] = parsed.data;
    return { createdAt: new Date(createdAt), id };
  } catch {
    return undefined;
  }
}
