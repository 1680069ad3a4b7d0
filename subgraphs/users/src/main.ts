import { startSubgraphRuntime } from "@kai/runtime";
import { createLogger, runUntilSignal } from "@kai/service";
import { usersSubgraph } from "./app.ts";
import { loadUsersEnv } from "./env.ts";

const env = loadUsersEnv();
await runUntilSignal(
  () => startSubgraphRuntime(usersSubgraph(env), { env }),
  createLogger("users", env.LOG_LEVEL),
);
