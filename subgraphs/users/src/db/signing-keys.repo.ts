import type { DbOrTx } from "@kai/db";
import { desc, isNull, sql } from "drizzle-orm";
import type { JWK } from "jose";
import { generateSigningKey, type KeyPairJwk } from "../domain/signing-keys.ts";
import { signingKeys } from "./schema.ts";
import type { UsersSchema } from "./tables.ts";

/** The newest active key, created on first start. */
export async function activeSigningKey(db: DbOrTx<UsersSchema>): Promise<KeyPairJwk> {
  return (await newestKey(db)) ?? createFirstKey(db);
}

/**
 * Replicas starting together on an empty table would each insert a key of their own (kids are
 * random, so nothing conflicts); the lock makes the first one create it and the rest read it.
 */
async function createFirstKey(db: DbOrTx<UsersSchema>): Promise<KeyPairJwk> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kai:signing-keys'))`);
    const existing = await newestKey(tx);
    if (existing) return existing;
    const created = await generateSigningKey();
    await tx.insert(signingKeys).values(created);
    return created;
  });
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
