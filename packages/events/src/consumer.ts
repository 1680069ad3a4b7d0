import { type Db, isDatabaseUnavailable, runPrepared, type Tx } from "@kai/db";
import type { Logger } from "@kai/logger";
import {
  consumerMessages,
  consumerPending,
  consumerRedeliveries,
  inConsumerSpan,
} from "@kai/telemetry";
import { and, eq } from "drizzle-orm";
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from "nats";
import { type EventEnvelope, type EventType, parseEvent } from "./catalogue.ts";
import { KeyedLanes } from "./keyed-lanes.ts";
import { LatestPerKey } from "./latest-per-key.ts";
import { streamOf } from "./streams.ts";
import { processedEvents } from "./tables.ts";

/** The longest a failed message waits before it is redelivered, however often it failed. */
const MAX_RETRY_DELAY_MS = 10_000;

export interface ConsumerOptions<T extends EventType, P = undefined> {
  /** Durable name, unique per subgraph and purpose, e.g. "progress-points-from-reviews". */
  durable: string;
  type: T;
  db: Db;
  js: JetStreamClient;
  jsm: JetStreamManager;
  log: Logger;
  /**
   * Slow work the effect needs (a language model call), done before the transaction opens so
   * no connection or lock is held while it runs. Skipped for an event already applied; it may
   * run again when the effect fails and the event is redelivered, so it must not change state
   * the effect's exactly-once guarantee covers.
   */
  prepare?(event: EventEnvelope<T>): Promise<P>;
  /**
   * Applies the event's effect inside the transaction that also records it as processed;
   * `prepared` is what `prepare` returned (undefined without one).
   */
  handle(tx: Tx, event: EventEnvelope<T>, prepared: P): Promise<void>;
  /**
   * Whether the event no longer applies (its user has been erased): it is then acknowledged
   * (recorded as processed when asked in the transaction) with neither `prepare`, `handle` nor
   * `afterCommit` run. Asked before `prepare` and again inside the effect's transaction, where
   * the answer holds until the commit. Default: every event applies.
   */
  skip?(dbOrTx: Db | Tx, event: EventEnvelope<T>): Promise<boolean>;
  /**
   * Records, in its own transaction, that an event will never apply (it failed every delivery
   * and is being parked): e.g. marks a capture FAILED so nobody waits on it forever.
   */
  onGiveUp?(tx: Tx, event: EventEnvelope<T>, reason: string): Promise<void>;
  /**
   * Runs after the effect commits (not for a redelivery already applied), e.g. to refresh a
   * cache. A failure here is logged; the effect itself stays committed. (Events the effect
   * enqueued need nothing here: their commit hands them to the outbox relay.)
   *
   * It runs beside the consumer, not in its `concurrency`: the next messages are handled
   * meanwhile. Runs for one subject (one user's events of this type) never overlap; those of
   * events applied while one runs are coalesced into a single run for the newest of them, so
   * it must be a refresh that reads the current state, which the newest event's run covers.
   */
  afterCommit?(event: EventEnvelope<T>): Promise<void> | void;
  /**
   * Work outside the database without which the event is not done (a deleted user's events
   * purged from a stream), run once the effect has committed and before the ack; for a
   * redelivery of an applied event too, so it must be idempotent. Until it succeeds the message
   * is redelivered with the usual backoff (after the ack wait, when NATS itself was away and the
   * nak was lost), and never parked: the effect is committed, and parking would drop the rest of
   * the work for good.
   */
  beforeAck?(event: EventEnvelope<T>): Promise<void>;
  /**
   * Deliveries before a failing message is parked in the dead letters. Default 5. A delivery
   * that failed only because the database was unreachable does not park the message, however
   * long the outage; it still counts, so an event that then fails on its own is parked sooner.
   */
  maxDeliveries?: number;
  /** Base redelivery delay after a failure, doubled each attempt, at most 10 s. Default 500 ms. */
  retryDelayMs?: number;
  /**
   * How long a delivered message may go unacknowledged before JetStream redelivers it: how
   * soon the work of a consumer that died mid-message resumes elsewhere. A slow `prepare` keeps
   * its message by reporting progress every third of it. Default 30 s.
   */
  ackWaitMs?: number;
  /**
   * Messages handled at once. Default 4. A subject is one user's events of this type, and its
   * messages are handled one after another in stream order; different users' side by side, so
   * one slow event (or a handler's many round trips under a busy database) does not hold every
   * other user's behind it. Each in-flight message may hold a pool connection.
   */
  concurrency?: number;
}

export interface Consumer {
  /** Stops pulling, lets the messages in hand finish, then resolves. */
  stop(): Promise<void>;
}

/**
 * A durable JetStream consumer of one event type. Each message is parsed (a malformed one is
 * parked in DEAD_LETTERS with the reason), applied exactly once in effect (its id is recorded
 * in the same transaction as its effect) and acknowledged only after that commit.
 */
export async function startConsumer<T extends EventType, P = undefined>(
  options: ConsumerOptions<T, P>,
): Promise<Consumer> {
  const { durable, type, js, jsm, log } = options;
  const stream = streamOf(type);
  const maxDeliveries = options.maxDeliveries ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  await jsm.consumers.add(stream, {
    durable_name: durable,
    filter_subject: `${type}.>`,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ackWaitMs * 1e6,
    max_deliver: -1,
  });
  const consumer = await js.consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: 64 });
  const stopSampling = consumerPending.sample(async (gauge) => {
    const info = await jsm.consumers.info(stream, durable);
    gauge.set({ durable, state: "undelivered" }, info.num_pending);
    gauge.set({ durable, state: "unacknowledged" }, info.num_ack_pending);
  });
  const settled = (outcome: "applied" | "duplicate" | "skipped" | "retried" | "parked") =>
    consumerMessages.inc({ durable, outcome });
  const lanes = new KeyedLanes(options.concurrency ?? 4);
  // Outside the lanes: a slot is free for the next message while a cache refresh runs.
  const followUps = new LatestPerKey(runAfterCommit);
  const done = (async () => {
    for await (const message of messages) {
      await lanes.admit(message.subject, () =>
        traced(message).catch((error: unknown) => {
          log.error({ err: error, durable }, "consumer failed to settle a message");
        }),
      );
    }
    await lanes.idle();
    await followUps.idle();
  })();

  /** Handles the message in a span that joins the trace of the request that caused the event. */
  function traced(message: JsMsg): Promise<void> {
    return inConsumerSpan(
      `consume ${durable}`,
      (name) => message.headers?.get(name) || undefined,
      {
        "messaging.system": "nats",
        "messaging.destination.name": message.subject,
        "messaging.consumer.group.name": durable,
        "messaging.message.redelivery_count": message.info.deliveryCount - 1,
      },
      () => handleMessage(message),
    );
  }

  async function handleMessage(message: JsMsg): Promise<void> {
    if (message.info.redelivered) consumerRedeliveries.inc({ durable });
    let event: EventEnvelope<T>;
    try {
      event = parseEvent(type, message.json());
    } catch (error) {
      await park(message, `unparseable ${type}: ${describe(error)}`);
      return;
    }
    // Only the database steps' errors may be an outage: prepare's network errors (a model API
    // refusing connections) look the same but must count towards giving up.
    let preparing = false;
    // Set once the effect is known to be committed, for beforeAck.
    let applied = false;
    try {
      let prepared: P | undefined;
      if (options.prepare) {
        // A redelivery of an applied event would only redo the slow work for nothing.
        if (await alreadyApplied(event.id)) {
          applied = true;
          await options.beforeAck?.(event);
          message.ack();
          settled("duplicate");
          return;
        }
        if (await options.skip?.(options.db, event)) {
          message.ack();
          settled("skipped");
          return;
        }
        // Slow work may outlast ack_wait; tell JetStream the message is in hand meanwhile.
        const heartbeat = setInterval(() => message.working(), ackWaitMs / 3);
        try {
          preparing = true;
          prepared = await options.prepare(event);
          preparing = false;
        } finally {
          clearInterval(heartbeat);
        }
      }
      const outcome = await options.db.transaction(async (tx) => {
        // Asked together: one round trip, not two, before the effect can start.
        const [fresh, skipped] = await Promise.all([
          claim(tx, event.id),
          options.skip?.(tx, event) ?? false,
        ]);
        if (!fresh) return "duplicate";
        if (skipped) return "skipped";
        // Without a prepare step P is undefined, so this is exactly what it promises.
        await options.handle(tx, event, prepared as P);
        return "applied";
      });
      if (outcome !== "skipped") {
        applied = true;
        await options.beforeAck?.(event);
      }
      message.ack();
      settled(outcome);
      if (outcome === "applied" && options.afterCommit) followUps.push(message.subject, event);
    } catch (error) {
      const deliveries = message.info.deliveryCount;
      const retryIn = Math.min(retryDelayMs * 2 ** (deliveries - 1), MAX_RETRY_DELAY_MS);
      if (applied) {
        log.warn(
          { err: error, durable, eventId: event.id, deliveries },
          "event applied but its work before the ack failed; will retry",
        );
        message.nak(retryIn);
        settled("retried");
        return;
      }
      if (!preparing && isDatabaseUnavailable(error)) {
        // An outage says nothing about the event: parking it would drop it for the outage.
        log.warn(
          { err: error, durable, eventId: event.id, deliveries },
          "database unavailable; will retry",
        );
        message.nak(retryIn);
        settled("retried");
        return;
      }
      if (deliveries >= maxDeliveries) {
        const reason = `failed ${deliveries} times: ${describe(error)}`;
        await giveUp(event, reason);
        await park(message, reason);
        return;
      }
      log.warn(
        { err: error, durable, eventId: event.id, deliveries },
        "event handler failed; will retry",
      );
      message.nak(retryIn);
      settled("retried");
    }
  }

  /** Records the event as this consumer's; false when it already was (a redelivery). */
  async function claim(tx: Tx, eventId: string): Promise<boolean> {
    // Prepared, so it is one round trip and `skip`'s statement is pipelined behind it.
    const fresh = await runPrepared(
      tx
        .insert(processedEvents)
        .values({ consumer: durable, eventId })
        .onConflictDoNothing()
        .returning({ eventId: processedEvents.eventId }),
    );
    return fresh.length > 0;
  }

  async function giveUp(event: EventEnvelope<T>, reason: string): Promise<void> {
    const onGiveUp = options.onGiveUp;
    if (!onGiveUp) return;
    try {
      await options.db.transaction(async (tx) => {
        if (await claim(tx, event.id)) await onGiveUp(tx, event, reason);
      });
    } catch (error) {
      log.error({ err: error, durable, eventId: event.id }, "could not record a given-up event");
    }
  }

  async function alreadyApplied(eventId: string): Promise<boolean> {
    const rows = await runPrepared(
      options.db
        .select({ eventId: processedEvents.eventId })
        .from(processedEvents)
        .where(and(eq(processedEvents.consumer, durable), eq(processedEvents.eventId, eventId))),
    );
    return rows.length > 0;
  }

  async function runAfterCommit(event: EventEnvelope<T>): Promise<void> {
    try {
      await options.afterCommit?.(event);
    } catch (error) {
      log.warn({ err: error, durable, eventId: event.id }, "after-commit step failed");
    }
  }

  async function park(message: JsMsg, reason: string): Promise<void> {
    log.error({ durable, subject: message.subject, reason }, "parking event in dead letters");
    await js.publish(
      `dlq.${durable}`,
      JSON.stringify({
        consumer: durable,
        subject: message.subject,
        deliveries: message.info.deliveryCount,
        reason,
        message: message.string(),
      }),
      { msgID: `${durable}:${message.info.streamSequence}` },
    );
    message.term();
    settled("parked");
  }

  return {
    async stop() {
      stopSampling();
      await messages.close();
      await done;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
