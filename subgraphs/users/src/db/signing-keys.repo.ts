import type { DbOrTx } from "@kai/db";
import { desc, isNull } from "drizzle-orm";
import type { JWK } from "jose";
import { generateSigningKey, type KeyPairJwk } from "../domain/signing-keys.ts";
import { signingKeys } from "./schema.ts";
import type { UsersSchema } from "./tables.ts";

/** The newest active key, created on first start; replicas racing here agree on one. */
export async function activeSigningKey(db: DbOrTx<UsersSchema>): Promise<KeyPairJwk> {
  const existing = await newestKey(db);
  if (existing) return existing;
  const created = await generateSigningKey();
  await db.insert(signingKeys).values(created).onConflictDoNothing();
  return (await newestKey(db)) ?? created;
}

/** Every key not retired: tokens signed by a key keep verifying until it is retired. */
export async function publicKeys(db: DbOrTx<UsersSchema>): Promise<JWK[]> {
  const rows = await db
    .select({ publicJwk: signingKeys.publicJwk })
    .from(signingKeys)
    .where(isNull(signingKeys.retiredAt));
  return rows.map((row) => row.publicJwk as JWK);
}

async function newestKey(db: DbOrTx<UsersSchema>): Promise<KeyPairJwk | undefined> {
  const [row] = await db
    .select()
    .from(signingKeys)
    .where(isNull(signingKeys.retiredAt))
    .orderBy(desc(signingKeys.createdAt))
    .limit(1);
  return (
    row && { kid: row.kid, privateJwk: row.privateJwk as JWK, publicJwk: row.publicJwk as JWK }
  );
}
