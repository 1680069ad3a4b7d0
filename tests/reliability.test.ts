import { buildEvent } from "@kai/events";
import { waitFor } from "@kai/testkit";
import { connect } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCapture,
  progressOf,
  register,
  type Session,
  waitForProcessed,
  waitForProgress,
} from "./support/operations.ts";
import { queryRows } from "./support/psql.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let ada: Session;

beforeAll(async () => {
  stack = await startStack();
  ada = await register(stack, "Ada");
  await waitForProgress(ada, () => true);
});
afterAll(() => stack?.stop());

describe("events", () => {
  it("written while NATS is down arrive after it comes back", async () => {
    await stack.nats.stop();
    const captureId = await createCapture(ada);
    const { capture } = await ada.client.request<{ capture: { status: string } }>(
      "query ($id: ID!) { capture(id: $id) { status } }",
      { id: captureId },
    );
    expect(capture.status).toBe("PENDING");
    await stack.nats.restart();
    const processed = await waitForProcessed(ada, captureId);
    expect(processed.status).toBe("PROCESSED");
  });

  it("delivered twice change points once", async () => {
    const before = (await progressOf(ada))!.points;
    const event = buildEvent("learning.topic_completed", ada.userId, {
      topicId: "3b8e7f8e-8a59-4d6c-9a43-5b1f1f0e2a11",
    });
    const nc = await connect({ servers: stack.nats.url });
    const js = nc.jetstream();
    // Different message ids defeat JetStream's dedupe: the consumer sees the event twice.
    await js.publish(`learning.topic_completed.${ada.userId}`, JSON.stringify(event), {
      msgID: "copy-1",
    });
    await js.publish(`learning.topic_completed.${ada.userId}`, JSON.stringify(event), {
      msgID: "copy-2",
    });
    // The consumer applies messages in order: once this marker counts, the copy has been seen.
    const marker = buildEvent("learning.topic_completed", ada.userId, {
      topicId: "c0a4f7f1-1d5e-4b7a-8f0e-2e6f4a1b9c33",
    });
    await js.publish(`learning.topic_completed.${ada.userId}`, JSON.stringify(marker), {
      msgID: marker.id,
    });
    await nc.drain();
    // Wait for the marker itself, not for a point total the broken case reaches too.
    await waitFor(
      async () => {
        const rows = await queryRows(
          stack.databases.progress,
          `select 1 from processed_events where consumer = 'progress-topic-completed' and event_id = '${marker.id}'`,
        );
        return rows.length > 0 || undefined;
      },
      { what: "the marker event applied" },
    );
    expect((await progressOf(ada))!.points).toBe(before + 100);
  });
});

describe("a poison message", () => {
  it("is parked in DEAD_LETTERS with the reason, and the consumer keeps going", async () => {
    const nc = await connect({ servers: stack.nats.url });
    const js = nc.jetstream();
    await js.publish(`learning.topic_completed.${ada.userId}`, "{ not json");
    const before = (await progressOf(ada))!.points;
    const next = buildEvent("learning.topic_completed", ada.userId, {
      topicId: "0d5f5a8e-4f4b-4c0e-9b7e-6a4f1c2d3e4f",
    });
    await js.publish(`learning.topic_completed.${ada.userId}`, JSON.stringify(next), {
      msgID: next.id,
    });
    await waitForProgress(ada, (p) => p.points === before + 50);

    const jsm = await nc.jetstreamManager();
    const parked = await waitFor(async () => {
      const stored = await jsm.streams.getMessage("DEAD_LETTERS", {
        last_by_subj: "dlq.progress-topic-completed",
      });
      return stored.json<{ consumer: string; reason: string; message: string }>();
    });
    expect(parked.message).toBe("{ not json");
    expect(parked.reason).toMatch(/unparseable learning.topic_completed/);
    await nc.drain();
  });
});

describe("every service", () => {
  it("answers /health and /ready", async () => {
    const urls = [
      stack.gateway.url,
      ...Object.values(stack.subgraphs).map((subgraph) => subgraph.url),
    ];
    for (const url of urls) {
      for (const probe of ["/health", "/ready"]) {
        const response = await fetch(new URL(probe, url));
        expect(response.status, `${url} ${probe}`).toBe(200);
      }
    }
  });

  it("passes the request id from the gateway into the subgraphs", async () => {
    const response = await fetch(stack.gateway.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${ada.accessToken}`,
        "x-request-id": "trace-me-42",
      },
      body: JSON.stringify({ query: "{ me { name } }" }),
    });
    expect(response.headers.get("x-request-id")).toBe("trace-me-42");
  });
});
