import { randomBytes } from "node:crypto";
import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlCall, mustCall } from "./support/graphql-call.ts";
import { PROSE } from "./support/operations.ts";
import {
  type CollectedSpan,
  type OtlpCollector,
  startOtlpCollector,
  tracingEnv,
} from "./support/otlp-collector.ts";
import { SUBGRAPHS } from "./support/process-stack.ts";
import { queryRows } from "./support/psql.ts";
import { type ReplicaStack, startReplicaStack } from "./support/replica-stack.ts";
import {
  type ReviewDrivers,
  type Reviewer,
  registerReviewer,
  startReviewing,
} from "./support/review-drivers.ts";
import { auditScoring } from "./support/scoring-audit.ts";
import { connectSocket, subscribe } from "./support/subscriptions.ts";

/**
 * Issue 18, "replicas everywhere": two processes of every subgraph behind a round-robin proxy
 * and two gateways, all started at once on a PostgreSQL server Kai has never seen. Later a
 * learning replica and a progress replica are SIGKILLed while their consumers are busy. Every
 * process traces into a local OTLP collector, so one review's trace can be followed from the
 * gateway into learning and through NATS into progress.
 */

const CAPTURES = 4;
/** Acknowledged reviews to see before the kill, and again after it. */
const STEP = 8;
/**
 * How long the survivors may take to catch up after a kill: messages the killed process held
 * are redelivered once JetStream's ack wait (5 s in the test stacks) runs out.
 */
const SETTLE_MS = 45_000;

const REVIEW = `mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }`;
const CREATE_CARD = `mutation ($input: CreateFlashcardInput!) { createFlashcard(input: $input) { id } }`;
const POINTS = "{ me { progress { points } } }";
/** OTLP span kinds. */
const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

let collector: OtlpCollector;
let stack: ReplicaStack;
let drivers: ReviewDrivers[] = [];

beforeAll(async () => {
  collector = await startOtlpCollector();
  stack = await startReplicaStack({ env: tracingEnv(collector) });
}, 300_000);

afterAll(async () => {
  await Promise.all(drivers.map((driver) => driver.stop()));
  await stack?.dispose();
  await collector?.dispose();
}, 60_000);

const gatewayUrl = (index: number) => stack.gateways[index % stack.gateways.length]?.url ?? "";

function assertNoUnexpectedExit(): void {
  const [exit] = stack.unexpectedExits;
  if (exit) throw new Error(`${exit.name} ${exit.reason} on its own:\n${exit.output}`);
}

describe("replicas started together on a fresh server", () => {
  it("all come up, with one signing key and each migration applied once", async () => {
    assertNoUnexpectedExit();
    const keys = await queryRows(stack.databaseUrl("users"), "select count(*) from signing_keys");
    expect(keys).toEqual([["1"]]);
    // Both users replicas serve that one key, so a token either signs verifies everywhere.
    const served = await Promise.all(
      stack.subgraphs.users.map(async (replica) => {
        const response = await fetch(`http://127.0.0.1:${replica.port}/.well-known/jwks.json`);
        return ((await response.json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
      }),
    );
    expect(served[0]).toHaveLength(1);
    expect(served[1]).toEqual(served[0]);
    for (const name of SUBGRAPHS) {
      const repeated = await queryRows(
        stack.databaseUrl(name),
        "select hash from drizzle.__drizzle_migrations group by hash having count(*) > 1",
      );
      expect(repeated, name).toEqual([]);
    }
  });

  it("every process serves Prometheus metrics on /metrics", async () => {
    await mustCall(gatewayUrl(0), "{ __typename }");
    const processes = [...Object.values(stack.subgraphs).flat(), ...stack.gateways];
    for (const service of processes) {
      const response = await fetch(`http://127.0.0.1:${service.port}/metrics`);
      expect(response.status, service.name).toBe(200);
      const text = await response.text();
      expect(text, service.name).toContain("# TYPE kai_graphql_operations_total counter");
      expect(text, service.name).toContain("process_resident_memory_bytes");
    }
    const gateway = await (
      await fetch(`http://127.0.0.1:${stack.gateways[0]?.port}/metrics`)
    ).text();
    expect(gateway).toMatch(
      /kai_graphql_operations_total\{[^}]*operation="query __typename"[^}]*\} [1-9]/,
    );
  });
});

describe("work spread over the replicas", () => {
  let reviewers: Reviewer[] = [];

  beforeAll(async () => {
    reviewers = await Promise.all(
      ["Ada", "Grace"].map((name, index) => registerReviewer(gatewayUrl(index), name)),
    );
  });

  it("an update caused through one gateway reaches a subscription on the other", async () => {
    const [ada] = reviewers;
    if (!ada) throw new Error("no reviewer");
    const socket = connectSocket({ url: gatewayUrl(0) }, { token: ada.token });
    try {
      const feed = subscribe<{ streakUpdated: { points: number } }>(
        socket,
        "subscription { streakUpdated { points } }",
      );
      // The subscription listens from its first result on; wait until gateway 0 holds it.
      await waitFor(
        async () => {
          const metrics = await (
            await fetch(`http://127.0.0.1:${stack.gateways[0]?.port}/metrics`)
          ).text();
          return /kai_subscriptions_open\{service="gateway"\} 1/.test(metrics) || undefined;
        },
        { what: "gateway 0 to hold the subscription" },
      );
      const { createFlashcard } = await mustCall<{ createFlashcard: { id: string } }>(
        gatewayUrl(1),
        CREATE_CARD,
        { input: { topicId: ada.topicId, front: "Q", back: "A" } },
        ada.token,
      );
      await mustCall(
        gatewayUrl(1),
        REVIEW,
        { input: { flashcardId: createFlashcard.id, quality: 4 } },
        ada.token,
      );
      ada.acknowledged.add(createFlashcard.id);
      const update = await feed.until(
        (result) => result.data?.streakUpdated.points === 10,
        "the update of the review made through gateway 1",
      );
      expect(update.errors).toBeUndefined();
      feed.unsubscribe();
    } finally {
      await socket.dispose();
    }
  });

  it("follows one review's trace from the gateway into learning and through NATS into progress", async () => {
    const [ada] = reviewers;
    if (!ada) throw new Error("no reviewer");
    const { createFlashcard } = await mustCall<{ createFlashcard: { id: string } }>(
      gatewayUrl(1),
      CREATE_CARD,
      { input: { topicId: ada.topicId, front: "Traced", back: "A" } },
      ada.token,
    );
    // Sent as a traced client would: with its own traceparent, so the trace id is known.
    const traceId = randomBytes(16).toString("hex");
    const response = await fetch(gatewayUrl(1), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${ada.token}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01`,
      },
      body: JSON.stringify({
        query: REVIEW,
        variables: { input: { flashcardId: createFlashcard.id, quality: 4 } },
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    ada.acknowledged.add(createFlashcard.id);

    const spans = await waitFor(
      () => {
        const spans = collector.spans.filter((span) => span.traceId === traceId);
        const consumed = spans.some(
          (span) => span.service === "progress" && span.kind === CONSUMER,
        );
        return consumed ? spans : undefined;
      },
      { timeoutMs: 20_000, what: "progress's consumer span in the review's trace" },
    );
    const parentOf = (span: CollectedSpan | undefined) =>
      spans.find((candidate) => candidate.spanId === span?.parentSpanId);
    expect(spans.some((span) => span.service === "gateway" && span.kind === SERVER)).toBe(true);
    // Learning's request span hangs under the gateway's call to learning.
    const learning = spans.find((span) => span.service === "learning" && span.kind === SERVER);
    expect(parentOf(learning)?.service).toBe("gateway");
    // Progress's consumer continues the span that wrote the event, carried in NATS headers.
    const consumer = spans.find((span) => span.service === "progress" && span.kind === CONSUMER);
    expect(consumer?.name).toMatch(/^consume /);
    expect(parentOf(consumer)?.service).toBe("learning");
    // And the SQL learning ran for it, as client spans named by statement and table.
    expect(
      spans.some(
        (span) =>
          span.service === "learning" && span.kind === CLIENT && span.name === "UPDATE flashcards",
      ),
    ).toBe(true);
  });

  it("each capture becomes exactly one topic, though a learning replica is SIGKILLed mid-flow", async () => {
    const [, grace] = reviewers;
    if (!grace) throw new Error("no reviewer");
    const ids = await Promise.all(
      Array.from({ length: CAPTURES }, async (_, index) => {
        const { createCapture } = await mustCall<{ createCapture: { id: string } }>(
          gatewayUrl(index),
          `mutation ($input: CreateCaptureInput!) { createCapture(input: $input) { id } }`,
          { input: { type: "TEXT", content: `${PROSE}\nPart ${index}.`, tags: ["replicas"] } },
          grace.token,
        );
        return createCapture.id;
      }),
    );
    // Killed while the captures' events are on their way to (or in the hands of) learning.
    await stack.subgraphs.learning[0]?.kill();
    const topics = await Promise.all(
      ids.map((id, index) =>
        waitFor(
          async () => {
            const { capture } = await mustCall<{
              capture: { status: string; topic: { id: string } | null };
            }>(
              gatewayUrl(index + 1),
              "query ($id: ID!) { capture(id: $id) { status topic { id } } }",
              { id },
              grace.token,
            );
            return capture.status === "PENDING" ? undefined : capture;
          },
          { timeoutMs: SETTLE_MS, what: `capture ${id} to be processed` },
        ),
      ),
    );
    expect(topics.map((capture) => capture.status)).toEqual(ids.map(() => "PROCESSED"));
    expect(new Set(topics.map((capture) => capture.topic?.id)).size).toBe(CAPTURES);
    const perCapture = await queryRows(
      stack.databaseUrl("learning"),
      `select capture_id, count(*) from topics where owner_id = '${grace.userId}'
        and capture_id is not null group by capture_id`,
    );
    expect(perCapture.map(([capture, count]) => [capture, count]).sort()).toEqual(
      ids.map((id) => [id, "1"]).sort(),
    );
  }, 90_000);

  it("points stay exact through both gateways while a progress replica is SIGKILLed", async () => {
    drivers = [startReviewing(gatewayUrl(0), reviewers), startReviewing(gatewayUrl(1), reviewers)];
    const acknowledged = () => drivers.reduce((sum, driver) => sum + driver.acknowledged(), 0);
    const atLeast = (count: number) =>
      waitFor(
        () => {
          assertNoUnexpectedExit();
          return acknowledged() >= count || undefined;
        },
        { timeoutMs: 30_000, what: `${count} acknowledged reviews` },
      );
    await atLeast(STEP);
    await stack.subgraphs.progress[0]?.kill();
    await atLeast(acknowledged() + STEP);
    await Promise.all(drivers.map((driver) => driver.stop()));

    const databases = {
      learning: stack.databaseUrl("learning"),
      progress: stack.databaseUrl("progress"),
    };
    const cards = new Set(reviewers.flatMap((reviewer) => [...reviewer.acknowledged]));
    const audit = await waitFor(
      async () => {
        const audit = await auditScoring(databases, cards);
        return audit.awards >= audit.committed ? audit : undefined;
      },
      { timeoutMs: SETTLE_MS, intervalMs: 500, what: "every committed review to score" },
    );
    const errors = drivers.flatMap((driver) => [...driver.errors]);
    expect(audit, `driver errors: ${JSON.stringify(errors)}`).toMatchObject({
      lost: 0,
      doubled: 0,
      totalsOff: 0,
    });
    expect(audit.awards).toBe(audit.committed);
    for (const [index, reviewer] of reviewers.entries()) {
      // The first answer counts; a request this loaded machine was too slow for is asked again.
      const points = await waitFor(
        async () => {
          const answer = await graphqlCall<{ me: { progress: { points: number } } }>(
            gatewayUrl(index + 1),
            POINTS,
            {},
            reviewer.token,
          );
          return answer.ok ? answer.data.me.progress.points : undefined;
        },
        { timeoutMs: 30_000, what: `${reviewer.userId}'s points through the gateway` },
      );
      expect(points).toBe(10 * (audit.committedByUser.get(reviewer.userId) ?? 0));
    }
  }, 120_000);
});
