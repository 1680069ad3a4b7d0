import { fileURLToPath } from "node:url";
import { createTokenVerifier } from "@kai/auth";
import { type AttemptLimiter, connectRedis, createAttemptLimiter } from "@kai/redis";
import { loadSchema, type SubgraphDefinition } from "@kai/runtime";
import type { Logger } from "@kai/service";
import type { Redis } from "ioredis";
import type { UsersContext } from "./context.ts";
import { activeSigningKey } from "./db/signing-keys.repo.ts";
import { schema, type UsersSchema } from "./db/tables.ts";
import type { UsersEnv } from "./env.ts";
import { createKeyStore } from "./jwks.ts";
import { createLoaders } from "./loaders.ts";
import { resolvers } from "./resolvers/index.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

export function usersSubgraph(env: UsersEnv): SubgraphDefinition<UsersSchema, UsersContext> {
  let keyStore: ReturnType<typeof createKeyStore> | undefined;
  // One Redis connection per process, made on first use and closed with the subgraph.
  let redis: Redis | undefined;
  let loginAttempts: AttemptLimiter | undefined;
  const loginAttemptsOf = (log: Logger) => {
    redis ??= connectRedis(env.REDIS_URL, log, "sign-ins are not rate limited");
    loginAttempts ??= createAttemptLimiter(redis, log, {
      name: "login",
      limit: env.LOGIN_MAX_FAILURES,
      windowSeconds: env.LOGIN_WINDOW_SECONDS,
    });
    return loginAttempts;
  };
  const keysOf = (db: Parameters<typeof createKeyStore>[0]) => (keyStore ??= createKeyStore(db));
  return {
    name: "users",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    publicFields: [
      "Mutation.register",
      "Mutation.login",
      "Mutation.refreshToken",
      "Mutation.logout",
    ],
    context: ({ db, relay, log }, base) => ({
      ...base,
      db,
      relay,
      env,
      loaders: createLoaders(db),
      loginAttempts: loginAttemptsOf(log),
    }),
    verifier: ({ db }) => createTokenVerifier(keysOf(db).getKey),
    background: async ({ db, log }) => {
      await activeSigningKey(db);
      loginAttemptsOf(log);
      return [{ stop: async () => redis?.disconnect() }];
    },
    routes: (app, { db }) => {
      app.get("/.well-known/jwks.json", async (_req, res) => {
        res.setHeader("cache-control", "public, max-age=60");
        res.json({ keys: await keysOf(db).keys() });
      });
    },
  };
}
