import type { Db } from "@kai/db";
import { createLocalJWKSet, type JWK, type JWTVerifyGetKey } from "jose";
import { publicKeys } from "./db/signing-keys.repo.ts";
import type { UsersSchema } from "./db/tables.ts";

const CACHE_MS = 60_000;

/**
 * The public signing keys, read from the database at most once a minute. Users serves them
 * as the JWKS and verifies its own callers' tokens with them, without a call to itself.
 */
export interface KeyStore {
  keys(): Promise<JWK[]>;
  getKey: JWTVerifyGetKey;
}

export function createKeyStore(db: Db<UsersSchema>): KeyStore {
  // The key set is built once per read: jose imports each key when first asked for it and
  // keeps it, which a set made per verification would redo every time.
  let cached: { keys: JWK[]; set: JWTVerifyGetKey; at: number } | undefined;
  const current = async () => {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const keys = await publicKeys(db);
      cached = { keys, set: createLocalJWKSet({ keys }), at: Date.now() };
    }
    return cached;
  };
  const keys = async (): Promise<JWK[]> => (await current()).keys;
  const getKey: JWTVerifyGetKey = async (header, token) => (await current()).set(header, token);
  return { keys, getKey };
}
