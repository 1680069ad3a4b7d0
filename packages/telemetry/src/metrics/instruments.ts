import { Counter, collectDefaultMetrics, Histogram, register } from "prom-client";
import { scrapedGauge } from "./scraped-gauge.ts";

/**
 * Every Kai metric, made once per process in prom-client's default registry. Several services
 * share a process in tests and in `pnpm start`, so each metric a service reports names it in
 * a `service` label rather than in a registry of its own.
 */
collectDefaultMetrics({ register });

/** Labels of one GraphQL operation: its type and first root field, both bounded by the schema. */
const OPERATION_LABELS = ["service", "operation"] as const;

export const operationsTotal = new Counter({
  name: "kai_graphql_operations_total",
  help: "GraphQL operations served, by operation (type and first root field) and outcome (ok|error).",
  labelNames: [...OPERATION_LABELS, "outcome"],
});

export const operationDuration = new Histogram({
  name: "kai_graphql_operation_duration_seconds",
  help: "Time from receiving a GraphQL operation to sending its response.",
  labelNames: OPERATION_LABELS,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export const consumerMessages = new Counter({
  name: "kai_consumer_messages_total",
  help: "Messages a durable consumer settled, by outcome (applied|duplicate|skipped|retried|parked).",
  labelNames: ["durable", "outcome"],
});

export const consumerRedeliveries = new Counter({
  name: "kai_consumer_redeliveries_total",
  help: "Messages a durable consumer received again after an earlier delivery was not acknowledged.",
  labelNames: ["durable"],
});

/** A durable's lag: `undelivered` (JetStream num_pending) and `unacknowledged` (num_ack_pending). */
export const consumerPending = scrapedGauge({
  name: "kai_consumer_pending_messages",
  help: "Messages of a durable consumer's stream not yet delivered to it (state=undelivered) or delivered and not yet acknowledged (state=unacknowledged).",
  labelNames: ["durable", "state"],
});

export const outboxBacklog = scrapedGauge({
  name: "kai_outbox_backlog_events",
  help: "Outbox events committed and not yet published to NATS.",
  labelNames: ["service"],
});

export const subscriptionsOpen = scrapedGauge({
  name: "kai_subscriptions_open",
  help: "GraphQL subscriptions the gateway holds open.",
  labelNames: ["service"],
});

export const aiCalls = new Counter({
  name: "kai_ai_calls_total",
  help: "Language model calls, by model and outcome.",
  labelNames: ["model", "outcome"],
});

export const aiCostUsd = new Counter({
  name: "kai_ai_cost_usd_total",
  help: "Estimated cost of language model calls in US dollars, by model.",
  labelNames: ["model"],
});

export { register as metricsRegistry };
