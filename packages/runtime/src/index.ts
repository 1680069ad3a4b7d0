export { countAiCall } from "./ai-metrics.ts";
export { loadSchema } from "./load-schema.ts";
export {
  type BackgroundTask,
  type ConsumerSpec,
  type Resources,
  type RunningSubgraph,
  type RuntimeDeps,
  type RuntimeOptions,
  type SubgraphDefinition,
  startSubgraphRuntime,
} from "./start-subgraph-runtime.ts";
