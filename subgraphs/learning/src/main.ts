import { startSubgraphRuntime } from "@kai/runtime";
import { createLogger, runUntilSignal } from "@kai/service";
import { learningSubgraph } from "./app.ts";
import { loadLearningEnv } from "./env.ts";

const env = loadLearningEnv();
await runUntilSignal(
  () => startSubgraphRuntime(learningSubgraph(env), { env }),
  createLogger("learning", env.LOG_LEVEL),
);
