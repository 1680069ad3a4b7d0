export { operationMetricsPlugin } from "./metrics/graphql-plugin.ts";
export {
  aiCalls,
  aiCostUsd,
  consumerMessages,
  consumerPending,
  consumerRedeliveries,
  metricsRegistry,
  outboxBacklog,
  subscriptionsOpen,
} from "./metrics/instruments.ts";
export { serveMetrics } from "./metrics/route.ts";
export type { ScrapedGauge } from "./metrics/scraped-gauge.ts";
export {
  currentTraceContext,
  flushTraces,
  type HeaderGetter,
  inConsumerSpan,
} from "./tracing/propagation.ts";
