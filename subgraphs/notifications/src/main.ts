import { startSubgraphRuntime } from "@kai/runtime";
import { createLogger, runUntilSignal } from "@kai/service";
import { notificationsSubgraph } from "./app.ts";
import { loadNotificationsEnv } from "./env.ts";

const env = loadNotificationsEnv();
await runUntilSignal(
  () => startSubgraphRuntime(notificationsSubgraph(env), { env }),
  createLogger("notifications", env.LOG_LEVEL),
);
