import { startSubgraphRuntime } from "@kai/runtime";
import { createLogger, runUntilSignal } from "@kai/service";
import { progressSubgraph } from "./app.ts";
import { loadProgressEnv } from "./env.ts";

const env = loadProgressEnv();
await runUntilSignal(
  () => startSubgraphRuntime(progressSubgraph(env), { env }),
  createLogger("progress", env.LOG_LEVEL),
);
