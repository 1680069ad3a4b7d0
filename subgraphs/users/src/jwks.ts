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
  let cached: { keys: JWK[]; at: number } | undefined;
  const keys = async (): Promise<JWK[]> => {
    if (!cached || Date.now() - cached.at > CACHE_MS)
      cached = { keys: await publicKeys(db), at: Date.now() };
    return cached.keys;
  };
  const getKey: JWTVerifyGetKey = async (header, token) =>
    createLocalJWKSet({ keys: await keys() })(header, token);
  return { keys, getKey };
}
