import { fileURLToPath } from "node:url";
import { type BlobStore, createBlobStore, selfAddress } from "@kai/blob";
import { loadSchema, type SubgraphDefinition } from "@kai/runtime";
import type { CapturesContext } from "./context.ts";
import { type CapturesSchema, schema } from "./db/tables.ts";
import { type CapturesEnv, uploadSecret } from "./env.ts";
import { captureProcessed } from "./events/consumers/capture-processed.ts";
import { userDeleted } from "./events/consumers/user-deleted.ts";
import { createLoaders } from "./loaders.ts";
import { resolvers } from "./resolvers/index.ts";
import { uploadRoutes } from "./routes/upload.ts";
import { startUploadSweeper } from "./uploads/upload-sweeper.ts";

export const typeDefs = loadSchema("./schema.graphql", import.meta.url);

interface CapturesResources {
  blobs: BlobStore;
  close(): Promise<void>;
}

export function capturesSubgraph(
  env: CapturesEnv,
): SubgraphDefinition<CapturesSchema, CapturesContext, CapturesResources> {
  const secret = uploadSecret(env);
  const self = selfAddress();
  const uploads = { secret, baseUrl: () => env.UPLOAD_BASE_URL ?? self.url() };
  return {
    name: "captures",
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
    typeDefs,
    resolvers,
    async setup({ log }) {
      const blobs = createBlobStore(env);
      if (!secret) log.warn("UPLOAD_SECRET is not set: uploads are off");
      return { blobs, close: async () => blobs.close?.() };
    },
    context: ({ db, blobs }, base) => ({
      ...base,
      db,
      env,
      blobs,
      uploads,
      loaders: createLoaders(db, base.viewer),
    }),
    consumers: ({ log, blobs }) => [captureProcessed(log), userDeleted(log, blobs)],
    background: async ({ db, blobs, log }) => [
      startUploadSweeper({ db, blobs, log, intervalMs: env.UPLOAD_SWEEP_INTERVAL_SECONDS * 1000 }),
    ],
    routes: (app, { db, blobs, log }) => {
      app.use(self.learn);
      uploadRoutes(app, { db, blobs, secret, log });
    },
  };
}
