import { startSubgraphRuntime } from "@kai/runtime";
import { createLogger, runUntilSignal } from "@kai/service";
import { analyticsSubgraph } from "./app.ts";
import { loadAnalyticsEnv } from "./env.ts";

const env = loadAnalyticsEnv();
await runUntilSignal(
  () => startSubgraphRuntime(analyticsSubgraph(), { env }),
  createLogger("analytics", env.LOG_LEVEL),
);
