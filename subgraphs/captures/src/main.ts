import { startSubgraphRuntime } from "@kai/runtime";
import { createLogger, runUntilSignal } from "@kai/service";
import { capturesSubgraph } from "./app.ts";
import { loadCapturesEnv } from "./env.ts";

const env = loadCapturesEnv();
await runUntilSignal(
  () => startSubgraphRuntime(capturesSubgraph(env), { env }),
  createLogger("captures", env.LOG_LEVEL),
);
