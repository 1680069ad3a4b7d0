import { fileURLToPath } from "node:url";
import { createTokenVerifier } from "@kai/auth";
import { loadSchema, type SubgraphDefinition } from "@kai/runtime";
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
    context: ({ db, relay }, base) => ({ ...base, db, relay, env, loaders: createLoaders(db) }),
    verifier: ({ db }) => createTokenVerifier(keysOf(db).getKey),
    background: async ({ db }) => {
      await activeSigningKey(db);
      return [];
    },
    routes: (app, { db }) => {
      app.get("/.well-known/jwks.json", async (_req, res) => {
        res.setHeader("cache-control", "public, max-age=60");
        res.json({ keys: await keysOf(db).keys() });
      });
    },
  };
}
