import type { DbOrTx } from "@kai/db";
import { sessions } from "./schema.ts";
import type { UsersSchema } from "./tables.ts";

/** Starts a session; its id is the family id of the refresh tokens it will hold. */
export async function insertSession(
  db: DbOrTx<UsersSchema>,
  session: { userId: string; userAgent: string | null },
): Promise<string> {
  const [row] = await db.insert(sessions).values(session).returning({ id: sessions.id });
  if (!row) throw new Error("inserting a session returned no row");
  return row.id;
}
