import { aiCalls, aiCostUsd } from "@kai/telemetry";

/** Counts one language model call and its estimated cost in the process's metrics. */
export function countAiCall(call: { model: string; outcome: string; costUsd: number }): void {
  aiCalls.inc({ model: call.model, outcome: call.outcome });
  aiCostUsd.inc({ model: call.model }, call.costUsd);
}
