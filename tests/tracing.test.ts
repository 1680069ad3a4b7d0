import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustCall } from "./support/graphql-call.ts";
import {
  type CollectedSpan,
  type OtlpCollector,
  startOtlpCollector,
} from "./support/otlp-collector.ts";
import { type ReplicaStack, startReplicaStack } from "./support/replica-stack.ts";
import { type Reviewer, registerReviewer } from "./support/review-drivers.ts";

/**
 * Issue 18, "traces across the event hops": with OTEL_* set, one review's trace runs from the
 * gateway into learning over HTTP, and from learning's outbox through NATS into progress's
 * consumer, read from what the services export to an OTLP collector.
 */

const REGISTER = fileURLToPath(new URL("../packages/telemetry/src/register.mjs", import.meta.url));
const CREATE_CARD = `mutation ($input: CreateFlashcardInput!) { createFlashcard(input: $input) { id } }`;
const REVIEW = `mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }`;
const SERVER = 2;
const CONSUMER = 5;

let collector: OtlpCollector;
let stack: ReplicaStack;
let ada: Reviewer;

beforeAll(async () => {
  collector = await startOtlpCollector();
  stack = await startReplicaStack({
    replicas: 1,
    env: {
      NODE_OPTIONS: `--import=${REGISTER}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_BSP_SCHEDULE_DELAY: "100",
    },
  });
  ada = await registerReviewer(stack.gateways[0]?.url ?? "", "Ada");
}, 300_000);

afterAll(async () => {
  await stack?.dispose();
  await collector?.dispose();
}, 60_000);

/** Sends a request as a traced client would: its own traceparent, so the trace id is known. */
async function tracedCall(query: string, variables: Record<string, unknown>): Promise<string> {
  const traceId = randomBytes(16).toString("hex");
  const response = await fetch(stack.gateways[0]?.url ?? "", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${ada.token}`,
      traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
  return traceId;
}

const inTrace = (traceId: string) => collector.spans.filter((span) => span.traceId === traceId);

/** The span's parent, when the collector has it. */
function parentOf(span: CollectedSpan, spans: CollectedSpan[]): CollectedSpan | undefined {
  return spans.find((candidate) => candidate.spanId === span.parentSpanId);
}

describe("one review's trace", () => {
  it("continues from the gateway into learning, and through NATS into progress's consumer", async () => {
    const { createFlashcard } = await mustCall<{ createFlashcard: { id: string } }>(
      stack.gateways[0]?.url ?? "",
      CREATE_CARD,
      { input: { topicId: ada.topicId, front: "Q", back: "A" } },
      ada.token,
    );
    const traceId = await tracedCall(REVIEW, {
      input: { flashcardId: createFlashcard.id, quality: 4 },
    });

    const spans = await waitFor(
      () => {
        const spans = inTrace(traceId);
        const consumed = spans.some(
          (span) => span.service === "progress" && span.kind === CONSUMER,
        );
        return consumed ? spans : undefined;
      },
      { timeoutMs: 20_000, what: "progress's consumer span in the review's trace" },
    );
    const gatewayServer = spans.find((span) => span.service === "gateway" && span.kind === SERVER);
    expect(gatewayServer, "the gateway's request span").toBeDefined();

    const learningServer = spans.find(
      (span) => span.service === "learning" && span.kind === SERVER,
    );
    expect(learningServer, "learning's request span").toBeDefined();
    // Learning's request span hangs under the gateway's call to learning.
    expect(parentOf(learningServer as CollectedSpan, spans)?.service).toBe("gateway");

    const consumer = spans.find((span) => span.service === "progress" && span.kind === CONSUMER);
    expect(consumer?.name).toMatch(/^consume /);
    // The consumer continues the span that wrote the event in learning, carried by the header.
    expect(parentOf(consumer as CollectedSpan, spans)?.service).toBe("learning");
  });
});
