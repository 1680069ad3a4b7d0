import { RevocationList, type TokenVerifier, type Viewer } from "@kai/auth";
import { buildEvent, type EventEnvelope, type EventType, subjectOf } from "@kai/events";
import { type ExecutionResult, GraphQLError, parse } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { REFUSALS, type Refusal } from "./authenticate.ts";
import { ManualClock } from "./manual-clock.ts";
import { SharedFeeds } from "./shared-feeds.ts";
import {
  createSubscriptionCore,
  type SubscriptionConnection,
  type SubscriptionCore,
  type SubscriptionCoreOptions,
  type SubscriptionRequest,
  type UserEventSource,
} from "./subscription-core.ts";

const ADA = "00000000-0000-4000-8000-00000000000a";
const GRACE = "00000000-0000-4000-8000-00000000000b";
const STREAK = parse("subscription { streakUpdated { points } }");
const DUE = parse("subscription { dueFlashcardsChanged { dueCount } }");

/**
 * Events in memory, shaped like NATS: live delivery per user subject (shared as on NATS) and
 * a history to replay from, whose answer a test may hold back to interleave live events.
 */
class MemoryEvents implements UserEventSource {
  private readonly feeds = new SharedFeeds<EventEnvelope>();
  private readonly open = new Map<string, (event: EventEnvelope) => void>();
  private readonly history: EventEnvelope[] = [];
  private readonly misrouted: { event: EventEnvelope; userId: string }[] = [];
  private held: Promise<void> | undefined;

  publish(event: EventEnvelope): void {
    this.history.push(event);
    this.open.get(subjectOf(event.type, event.userId))?.(event);
  }

  /** Hands `event` to `userId`'s listeners and replays, as a misrouting source would. */
  misroute(event: EventEnvelope, userId: string): void {
    this.misrouted.push({ event, userId });
    this.open.get(subjectOf(event.type, userId))?.(event);
  }

  listen(type: EventType, userId: string, listener: (event: EventEnvelope) => void) {
    const subject = subjectOf(type, userId);
    return this.feeds.listen(
      subject,
      (deliver) => {
        this.open.set(subject, deliver);
        return () => this.open.delete(subject);
      },
      listener,
    );
  }

  async replay(type: EventType, userId: string, since: Date) {
    const found = [
      ...this.history.filter((event) => event.userId === userId),
      ...this.misrouted.filter((entry) => entry.userId === userId).map((entry) => entry.event),
    ].filter((event) => event.type === type && new Date(event.occurredAt) > since);
    await this.held;
    return found;
  }

  /** Replays answer only once the returned function is called. */
  holdReplays(): () => void {
    let release = () => {};
    this.held = new Promise((resolve) => {
      release = resolve;
    });
    return release;
  }

  get subjects(): number {
    return this.feeds.size;
  }
}

interface Setup {
  clock: ManualClock;
  events: MemoryEvents;
  core: SubscriptionCore<string>;
  /** Executions run, as `<event id>|<context>`. */
  executions: string[];
  connect(token: string, extra?: Record<string, unknown>): Promise<SubscriptionConnection<string>>;
  expired: Refusal[];
  revocations: RevocationList;
  streak(userId: string, points: number): EventEnvelope;
}

function setup(options: Partial<SubscriptionCoreOptions<string>> = {}): Setup {
  const clock = new ManualClock();
  const events = new MemoryEvents();
  const executions: string[] = [];
  const expired: Refusal[] = [];
  const revocations = new RevocationList({ now: () => clock.now() });
  // Every test token was issued when the clock started.
  const issuedAt = new Date(clock.now());
  const viewers: Record<string, Viewer> = {
    "ada-token": { id: ADA, role: "USER", expiresAt: new Date(clock.now() + 60_000) },
    "grace-token": { id: GRACE, role: "USER", expiresAt: new Date(clock.now() + 60_000) },
    // Ada's token after a refresh.
    "ada-new-token": { id: ADA, role: "USER", expiresAt: new Date(clock.now() + 120_000) },
  };
  const verifier: TokenVerifier = {
    async verify(token) {
      const viewer = viewers[token];
      if (!viewer || viewer.expiresAt.getTime() <= clock.now()) {
        throw new Error("Invalid or expired access token");
      }
      if (revocations.isRevoked(viewer.id, issuedAt)) throw new Error("Access token revoked");
      return viewer;
    },
  };
  const core = createSubscriptionCore<string>({
    verifier,
    revocations,
    fields: new Map([
      ["streakUpdated", "progress.streak_updated"],
      ["dueFlashcardsChanged", "learning.flashcards_due"],
      ["importJobUpdated", "learning.import_job_updated"],
    ]),
    events,
    // Resolves to the event's data, as the owning subgraph would.
    execute: async (event, request) => {
      executions.push(`${event.id}|${request.context}`);
      return { data: { payload: event.data } };
    },
    limits: { perConnection: 3, total: 5 },
    clock,
    ...options,
  });
  return {
    clock,
    events,
    core,
    executions,
    expired,
    revocations,
    async connect(token, extra = {}) {
      const opened = await core.open({ authorization: `Bearer ${token}`, ...extra }, (reason) =>
        expired.push(reason),
      );
      if (typeof opened === "string") throw new Error(opened);
      return opened;
    },
    streak(userId, points) {
      clock.advance(1_000);
      const at = new Date(clock.now());
      const data = { streak: 1, longestStreak: 1, points, level: 1, at: at.toISOString() };
      return buildEvent("progress.streak_updated", userId, data, at);
    },
  };
}

const request = (document = STREAK, context = "ctx"): SubscriptionRequest<string> => ({
  document,
  variables: undefined,
  operationName: undefined,
  context,
});

function stream(result: AsyncIterableIterator<ExecutionResult> | ExecutionResult) {
  if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result));
  return result;
}

async function take(results: AsyncIterableIterator<ExecutionResult>, count: number) {
  const taken: ExecutionResult[] = [];
  for (let i = 0; i < count; i++) {
    const next = await results.next();
    if (next.done) break;
    taken.push(next.value);
  }
  return taken;
}

const pointsOf = (results: ExecutionResult[]) =>
  results.map((result) => (result.data?.payload as { points: number } | undefined)?.points);

/** What a subgraph answers for a token it no longer accepts. */
const REFUSED: ExecutionResult = {
  errors: [new GraphQLError("expired", { extensions: { code: "UNAUTHENTICATED" } })],
};

/**
 * A setup whose subgraph gets the events of subscriptions made with `context` a minute late,
 * after their token (ada-token's) ran out, and refuses them.
 */
function setupRefusingLate(context: string): Setup {
  const late = setup({
    execute: async (event, request) => {
      if (request.context !== context) return { data: { payload: event.data } };
      late.clock.advance(60_000);
      return REFUSED;
    },
  });
  return late;
}

describe("the subscription core", () => {
  it("refuses a connection without a valid token, and counts none", async () => {
    const { core } = setup();
    expect(await core.open(undefined, () => {})).toBe(REFUSALS.unauthenticated);
    expect(await core.open({ authorization: "Bearer forged" }, () => {})).toBe(
      REFUSALS.unauthenticated,
    );
    expect(core.stats()).toEqual({ connections: 0, subscriptions: 0, subjects: 0 });
  });

  it("says when a connection's token expires, and forgets its timer on close", async () => {
    const { clock, connect, expired } = setup();
    const early = await connect("ada-token");
    early.close();
    await connect("ada-token");
    clock.advance(59_999);
    expect(expired).toEqual([]);
    clock.advance(1);
    expect(expired).toEqual([REFUSALS.expired]);
    expect(clock.pending).toBe(0);
  });

  it("ends a revoked user's connections at once, once each, and no one else's", async () => {
    const { clock, connect, expired, revocations } = setup();
    const [phone, laptop] = [await connect("ada-token"), await connect("ada-token")];
    await connect("grace-token");
    const results = stream(phone.subscribe(request()));
    clock.advance(1_000);
    revocations.revoke(ADA, new Date(clock.now()));
    await vi.waitFor(() => expect(expired).toEqual([REFUSALS.revoked, REFUSALS.revoked]));
    // The transport closes the sockets; the expiry timers they held are then gone too.
    phone.close();
    laptop.close();
    expect(await results.next()).toEqual({ done: true, value: undefined });
    clock.advance(60_000);
    expect(expired).toEqual([REFUSALS.revoked, REFUSALS.revoked, REFUSALS.expired]);
  });

  it("streams the subscriber's own events as results tagged with their id and time", async () => {
    const { events, connect, streak } = setup();
    const results = stream((await connect("ada-token")).subscribe(request()));
    const [mine, theirs, later] = [streak(ADA, 10), streak(GRACE, 99), streak(ADA, 20)];
    for (const event of [mine, theirs, later]) events.publish(event);
    const received = await take(results, 2);
    expect(pointsOf(received)).toEqual([10, 20]);
    expect(received[0]?.extensions).toEqual({ eventId: mine.id, occurredAt: mine.occurredAt });
  });

  it("never streams another user's event, even from a source that misroutes it", async () => {
    const { events, connect, streak } = setup();
    const since = streak(ADA, 1);
    events.misroute(streak(GRACE, 98), ADA);
    const connection = await connect("ada-token", { lastEventAt: since.occurredAt });
    const results = stream(connection.subscribe(request()));
    events.misroute(streak(GRACE, 99), ADA);
    events.publish(streak(ADA, 10));
    expect(pointsOf(await take(results, 1))).toEqual([10]);
  });

  it("replays what a resuming client missed, exactly once, before live events", async () => {
    const { events, connect, streak } = setup();
    const seen = streak(ADA, 10);
    const [missed, alsoMissed] = [streak(ADA, 20), streak(ADA, 30)];
    for (const event of [seen, missed, alsoMissed]) events.publish(event);
    const release = events.holdReplays();
    const connection = await connect("ada-token", { lastEventAt: seen.occurredAt });
    const results = stream(connection.subscribe(request()));
    // Live while the replay is read: one the replay holds too, one after it.
    const live = streak(ADA, 40);
    events.publish(live);
    events.publish(alsoMissed);
    release();
    expect(pointsOf(await take(results, 3))).toEqual([20, 30, 40]);
    events.publish(streak(ADA, 50));
    expect(pointsOf(await take(results, 1))).toEqual([50]);
  });

  it("delivers only the events whose data matches the field's arguments, live and replayed", async () => {
    const { events, connect, clock } = setup();
    const [first, second] = [
      "00000000-0000-4000-8000-0000000000f1",
      "00000000-0000-4000-8000-0000000000f2",
    ];
    const job = (id: string, done: number) => {
      clock.advance(1_000);
      const at = new Date(clock.now()).toISOString();
      const data = {
        id,
        format: "CSV" as const,
        status: "RUNNING" as const,
        ...{ total: 10, done, errorCount: 0, errors: [], failureReason: null, topicId: null },
        ...{ createdAt: at, updatedAt: at },
      };
      return buildEvent("learning.import_job_updated", ADA, data, new Date(at));
    };
    const since = job(first, 0);
    events.publish(job(second, 1));
    events.publish(job(first, 2));
    const connection = await connect("ada-token", { lastEventAt: since.occurredAt });
    const document = parse("subscription ($id: ID!) { importJobUpdated(id: $id) { done } }");
    const followed = stream(
      connection.subscribe({ ...request(document), variables: { id: first } }),
    );
    const inline = stream(
      connection.subscribe(
        request(parse(`subscription { importJobUpdated(id: "${second}") { done } }`)),
      ),
    );
    events.publish(job(second, 3));
    events.publish(job(first, 4));
    const doneOf = (results: ExecutionResult[]) =>
      results.map((result) => (result.data?.payload as { done: number } | undefined)?.done);
    expect(doneOf(await take(followed, 2))).toEqual([2, 4]);
    expect(doneOf(await take(inline, 2))).toEqual([1, 3]);
  });

  it("refuses subscriptions beyond a connection's bound and the replica's total", async () => {
    const { core, connect } = setup();
    const first = await connect("ada-token");
    for (let i = 0; i < 3; i++) stream(first.subscribe(request()));
    const overConnection = first.subscribe(request()) as ExecutionResult;
    expect(overConnection.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");

    const second = await connect("grace-token");
    stream(second.subscribe(request()));
    stream(second.subscribe(request()));
    const overTotal = second.subscribe(request()) as ExecutionResult;
    expect(overTotal.errors?.[0]?.message).toMatch(/subscription limit/);
    expect(core.stats().subscriptions).toBe(5);
  });

  it("releases slots, listeners and subjects when subscriptions end or connections close", async () => {
    const { core, connect } = setup();
    const connections = [await connect("ada-token"), await connect("ada-token")];
    const streams = connections.flatMap((connection) => [
      stream(connection.subscribe(request(STREAK))),
      stream(connection.subscribe(request(DUE))),
    ]);
    // One subject per user and event type, however many sockets hold it.
    expect(core.stats()).toEqual({ connections: 2, subscriptions: 4, subjects: 2 });
    await streams[0]?.return?.();
    expect(core.stats()).toEqual({ connections: 2, subscriptions: 3, subjects: 2 });
    connections[0]?.close();
    connections[1]?.close();
    expect(core.stats()).toEqual({ connections: 0, subscriptions: 0, subjects: 0 });
    expect(await streams[3]?.next()).toEqual({ done: true, value: undefined });
  });

  it("ends a subscription waiting for its next event as soon as it is returned", async () => {
    const { core, connect } = setup();
    const results = stream((await connect("ada-token")).subscribe(request()));
    const waiting = results.next();
    await results.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(core.stats().subscriptions).toBe(0);
  });

  it("resolves an event once for identical subscriptions, separately for different ones", async () => {
    const { events, connect, executions, streak } = setup();
    const [phone, laptop] = [await connect("ada-token"), await connect("ada-token")];
    const same = [phone, laptop].map((c, i) => stream(c.subscribe(request(STREAK, `ctx${i}`))));
    const other = stream(
      laptop.subscribe(request(parse("subscription { streakUpdated { level } }"), "other")),
    );
    const event = streak(ADA, 10);
    events.publish(event);
    await Promise.all([...same, other].map((results) => take(results, 1)));
    expect(executions.sort()).toEqual([`${event.id}|ctx0`, `${event.id}|other`]);
  });

  it("withholds an event whose token ran out on its way, and resolves it again on resume", async () => {
    const { connect, events, expired, streak } = setupRefusingLate("old");
    const old = await connect("ada-token");
    const results = stream(old.subscribe(request(STREAK, "old")));
    const event = streak(ADA, 10);
    events.publish(event);
    let first: IteratorResult<ExecutionResult> | undefined;
    const pending = results.next().then((result) => {
      first = result;
    });
    await new Promise((drained) => setImmediate(drained));
    expect(first).toBeUndefined();
    expect(expired).toEqual([REFUSALS.expired]);

    old.close();
    await pending;
    expect(first).toEqual({ done: true, value: undefined });
    const resumed = await connect("ada-new-token", { lastEventAt: new Date(0).toISOString() });
    const replayed = await take(stream(resumed.subscribe(request(STREAK, "new"))), 1);
    expect(replayed[0]?.extensions?.eventId).toBe(event.id);
    expect(pointsOf(replayed)).toEqual([10]);
  });

  it("resolves again, with its own token, an event whose shared run another token failed", async () => {
    const { connect, events, expired, streak } = setupRefusingLate("phone");
    // The same user's two devices, one of them on a token about to run out.
    const phone = stream((await connect("ada-token")).subscribe(request(STREAK, "phone")));
    const laptop = stream((await connect("ada-new-token")).subscribe(request(STREAK, "laptop")));
    events.publish(streak(ADA, 10));
    void phone.next();
    const [result] = await take(laptop, 1);
    expect(pointsOf([result as ExecutionResult])).toEqual([10]);
    expect(expired).toEqual([REFUSALS.expired]);
  });

  it("sends a subgraph's refusal of a token the gateway still accepts as an error", async () => {
    const { connect, events, expired, streak } = setup({ execute: async () => REFUSED });
    const results = stream((await connect("ada-token")).subscribe(request()));
    events.publish(streak(ADA, 10));
    const [result] = await take(results, 1);
    expect(result?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(expired).toEqual([]);
  });

  it("drops the oldest events for a client that reads too slowly", async () => {
    const { events, connect, streak } = setup({ bufferLimit: 2 });
    const results = stream((await connect("ada-token")).subscribe(request()));
    for (const points of [10, 20, 30, 40]) events.publish(streak(ADA, points));
    expect(pointsOf(await take(results, 2))).toEqual([30, 40]);
  });

  it("answers an error for a subscription field no event feeds", async () => {
    const { core, connect } = setup();
    const result = (await connect("ada-token")).subscribe(
      request(parse("subscription { unknownField }")),
    ) as ExecutionResult;
    expect(result.errors?.[0]?.message).toMatch(/No event feeds/);
    expect(core.stats().subscriptions).toBe(0);
  });
});
