import type { DbOrTx } from "@kai/db";
import { vapidKeys } from "./schema.ts";
import type { NotificationsSchema } from "./tables.ts";

/**
 * The stored development key pair, made from `generate` on first use. Replicas starting
 * together race to insert; the singleton key lets one win and every replica reads its pair.
 */
export async function storedVapidKeys(
  db: DbOrTx<NotificationsSchema>,
  generate: () => { publicKey: string; privateKey: string },
): Promise<{ publicKey: string; privateKey: string }> {
  await db.insert(vapidKeys).values(generate()).onConflictDoNothing();
  const [row] = await db.select().from(vapidKeys);
  if (!row) throw new Error("vapid_keys has no row after inserting one");
  return { publicKey: row.publicKey, privateKey: row.privateKey };
}
