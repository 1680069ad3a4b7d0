import { fileURLToPath } from "node:url";
import { PUBLIC_ROOT_FIELDS } from "@kai/auth";
import {
  type AttemptLimiter,
  connectRedis,
  createAttemptLimiter,
  redisNamespace,
} from "@kai/redis";
import { loadSchema, type Resources, type SubgraphDefinition } from "@kai/runtime";
import { type AccountMail, startAccountMail } from "./accounts/account-mail.ts";
import type { UsersContext } from "./context.ts";
import { activeSigningKey } from "./db/signing-keys.repo.ts";
import { schema, type UsersSchema } from "./db/tables.ts";
import type { UsersEnv } from "./env.ts";
import { userDeletedConsumer } from "./events/consumers/user-deleted.ts";
import { createKeyStore, type KeyStore } from "./jwks.ts";
import { createLoaders } from "./loaders.ts";
import { createIdTokenVerifier, type IdTokenVerifier } from "./oidc/id-token-verifier.ts";
import { resolvers } from "./resolvers/index.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

/**
 * What users makes once per process: its signing keys, the sign-in limiter, and the ID-token
 * verifier (whose cache of each identity provider's keys must outlive a request).
 */
interface UsersResources extends Resources {
  keys: KeyStore;
  loginAttempts: AttemptLimiter;
  identityProviders: IdTokenVerifier;
  accountMail: AccountMail;
}

export function usersSubgraph(
  env: UsersEnv,
): SubgraphDefinition<UsersSchema, UsersContext, UsersResources> {
  return {
    name: "users",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    publicFields: PUBLIC_ROOT_FIELDS,
    setup: async ({ db, log }) => {
      await activeSigningKey(db);
      // Limiter keys name emails, not ids this database made, and expire within a window:
      // they need no database id in their namespace.
      const redis = connectRedis(env.REDIS_URL, log, {
        namespace: redisNamespace("users"),
        purpose: "sign-ins are not rate limited",
      });
      const accountMail = startAccountMail(env, { db, log, redis });
      return {
        keys: createKeyStore(db),
        loginAttempts: createAttemptLimiter(redis, log, {
          name: "login",
          limit: env.LOGIN_MAX_FAILURES,
          windowSeconds: env.LOGIN_WINDOW_SECONDS,
        }),
        identityProviders: createIdTokenVerifier(env.OIDC_PROVIDERS, {
          jwksCooldownSeconds: env.OIDC_JWKS_COOLDOWN_SECONDS,
        }),
        accountMail,
        close: async () => {
          await accountMail.close();
          redis.disconnect();
        },
      };
    },
    context: ({ db, loginAttempts, identityProviders, accountMail, revocations }, base) => ({
      ...base,
      db,
      env,
      loaders: createLoaders(db),
      loginAttempts,
      identityProviders,
      accountMail,
      revocations,
    }),
    consumers: () => [userDeletedConsumer()],
    verificationKeys: ({ keys }) => keys.getKey,
    routes: (app, { keys }) => {
      app.get("/.well-known/jwks.json", async (_req, res) => {
        res.setHeader("cache-control", "public, max-age=60");
        res.json({ keys: await keys.keys() });
      });
    },
  };
}
