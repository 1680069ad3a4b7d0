import { createLogger, runUntilSignal } from "@kai/service";
import { startGateway } from "./app.ts";
import { loadGatewayEnv } from "./env.ts";

const env = loadGatewayEnv();
await runUntilSignal(() => startGateway(env), createLogger("gateway", env.LOG_LEVEL));
