import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustCall } from "./support/graphql-call.ts";
import { type ProcessStack, startProcessStack } from "./support/process-stack.ts";
import {
  type ReviewDrivers,
  type Reviewer,
  registerReviewer,
  startReviewing,
} from "./support/review-drivers.ts";
import { auditScoring, type ScoringAudit, unpublishedReviews } from "./support/scoring-audit.ts";

/**
 * Issue 8, "faults don't lose anything": users keep reviewing cards through the gateway while
 * NATS, the progress service, PostgreSQL and Redis fail in turn, each service its own process.
 * After each fault every review the API acknowledged must have scored +10, and none twice.
 */

const REVIEWERS = ["Ada", "Grace", "Edsger"];
/** Acknowledged reviews to see before a fault, during it (where the API can serve) and after. */
const PROGRESS_STEP = 5;
/**
 * How long scoring may take to catch up after a fault: reconnects, backoff, and JetStream's
 * ack wait (5 s in the test stacks), after which messages a killed process held are redelivered.
 */
const SETTLE_MS = 45_000;
/**
 * How long PostgreSQL stays down. This is the fault's size, not a wait for an effect: longer
 * than a consumer's retry budget (5 deliveries, backoff from 0.5 s doubling: ~7.5 s), as a
 * failover or a slow crash recovery can be.
 */
const POSTGRES_OUTAGE_MS = 15_000;
/** Reviews progress may trail learning by and still count as caught up under load. */
const CAUGHT_UP = 10;

let stack: ProcessStack;
let reviewers: Reviewer[] = [];
let drivers: ReviewDrivers | undefined;
/** Acknowledged reviews already audited by an earlier fault. */
const audited = new Set<string>();

beforeAll(async () => {
  stack = await startProcessStack();
  reviewers = await Promise.all(REVIEWERS.map((name) => registerReviewer(stack.gatewayUrl, name)));
  drivers = startReviewing(stack.gatewayUrl, reviewers);
}, 120_000);

afterAll(async () => {
  await drivers?.stop();
  await stack?.dispose();
}, 60_000);

const databases = () => ({
  learning: stack.databaseUrl("learning"),
  progress: stack.databaseUrl("progress"),
});

const acknowledgedCards = () =>
  new Set(reviewers.flatMap((reviewer) => [...reviewer.acknowledged]));

/** Reviews committed in learning that progress has not scored yet: what a fault puts at risk. */
async function unscored(): Promise<number> {
  const audit = await auditScoring(databases(), new Set());
  return audit.committed - audit.awards;
}

/** Fails at once, with the service's last words, when a service died on its own. */
function assertNoUnexpectedExit(): void {
  const [exit] = stack.unexpectedExits;
  if (exit) throw new Error(`${exit.name} ${exit.reason} on its own:\n${exit.output}`);
}

/** Waits until the drivers have had `count` more reviews acknowledged. */
async function moreAcknowledged(count = PROGRESS_STEP): Promise<void> {
  const target = (drivers?.acknowledged() ?? 0) + count;
  await waitFor(
    () => {
      assertNoUnexpectedExit();
      return (drivers?.acknowledged() ?? 0) >= target || undefined;
    },
    { timeoutMs: 30_000, what: `${count} more acknowledged reviews` },
  ).catch((error: unknown) => {
    assertNoUnexpectedExit();
    const seen = [...(drivers?.errors ?? [])].map(([message, n]) => `${n}× ${message}`);
    throw new Error(`${String(error)}; errors seen: ${seen.join("; ")}`);
  });
}

/** Polls until every acknowledged review has scored, or the deadline passes; the audit either way. */
async function settledAudit(acknowledged: ReadonlySet<string>): Promise<ScoringAudit> {
  const audit = () => auditScoring(databases(), acknowledged);
  return waitFor(async () => ((await audit()).lost === 0 ? audit() : undefined), {
    timeoutMs: SETTLE_MS,
    intervalMs: 200,
    what: "acknowledged reviews to score",
  }).catch(audit);
}

function report(fault: string, audit: ScoringAudit, context: string): void {
  const { acknowledged, applied, lost, doubled, committed, awards } = audit;
  console.log(
    `[fault-drill] ${fault}: acknowledged=${acknowledged} applied=${applied} lost=${lost} doubled=${doubled}` +
      ` (${context}failed requests so far=${drivers?.failed() ?? 0}, committed reviews=${committed}, awards=${awards})`,
  );
}

/**
 * Runs one fault while the drivers keep reviewing, then audits every review acknowledged by
 * then. `inject` calls `strike()` the moment before it breaks something, to note what was at risk.
 */
async function drill(
  fault: string,
  inject: (strike: () => Promise<void>) => Promise<void>,
): Promise<void> {
  await moreAcknowledged();
  let atRisk = 0;
  await inject(async () => {
    atRisk = await unscored();
  });
  await moreAcknowledged();
  // This fault's window: reviews acknowledged since the last audit, so a loss is counted
  // against the fault that caused it rather than again under every later one.
  const acknowledged = new Set([...acknowledgedCards()].filter((card) => !audited.has(card)));
  for (const card of acknowledged) audited.add(card);
  const settling = Date.now();
  const audit = await settledAudit(acknowledged);
  report(fault, audit, `unscored at fault=${atRisk}, settled in ${Date.now() - settling} ms, `);
  expect(audit.lost).toBe(0);
  expect(audit.doubled).toBe(0);
  expect(audit.totalsOff).toBe(0);
}

describe("fault drill: reviews keep scoring through outages", () => {
  it("NATS stopped and restarted: events wait in the outbox", async () => {
    await drill("nats stop/restart", async (strike) => {
      await strike();
      await stack.nats.stop();
      // Reviews need no NATS to commit; their events queue in learning's outbox meanwhile.
      await moreAcknowledged();
      await stack.nats.restart();
    });
  }, 90_000);

  it("progress SIGKILLed and restarted: its durable consumer resumes", async () => {
    await drill("progress SIGKILL/restart", async (strike) => {
      await strike();
      await stack.services.progress.kill();
      await moreAcknowledged();
      await stack.services.progress.start();
    });
  }, 90_000);

  it("PostgreSQL crashed while progress holds unapplied events, and restarted", async () => {
    await drill("postgres crash/restart", async (strike) => {
      // Caught up first, so the events in progress's hands are few and each is retried often:
      // the case where a retry budget, not the outage, decides their fate.
      await waitFor(async () => ((await unscored()) <= CAUGHT_UP ? true : undefined), {
        timeoutMs: SETTLE_MS,
        what: "progress to catch up with learning",
      });
      // Frozen while reviews go on, progress is sure to hold fresh events when the database goes.
      stack.services.progress.pause();
      try {
        await moreAcknowledged();
        const inHand = acknowledgedCards();
        // Published, so they are in progress's hands (or on their way) rather than in the outbox.
        await waitFor(
          async () => (await unpublishedReviews(databases().learning, inHand)) === 0 || undefined,
          { what: "the reviews made while progress was frozen to be published" },
        );
        await strike();
        await stack.postgres.crash();
      } finally {
        stack.services.progress.resume();
      }
      try {
        const failuresBefore = drivers?.requestFailures() ?? 0;
        const outage = new Promise((resolve) => setTimeout(resolve, POSTGRES_OUTAGE_MS));
        // The outage is real only once the API has felt it.
        await waitFor(() => (drivers?.requestFailures() ?? 0) > failuresBefore || undefined, {
          what: "a request to fail while PostgreSQL is down",
        });
        await outage;
      } finally {
        await stack.postgres.start();
      }
    });
  }, 120_000);

  it("Redis flushed: nothing that scores lives only there", async () => {
    await drill("redis FLUSHALL", async (strike) => {
      await strike();
      await stack.flushRedis();
    });
  }, 90_000);

  it("at the end, every committed review scored once, as the API shows", async () => {
    await drivers?.stop();
    const acknowledged = acknowledgedCards();
    // Reviews that committed although their reply failed score too; wait for those as well.
    const audit = await waitFor(
      async () => {
        const current = await auditScoring(databases(), acknowledged);
        return current.awards === current.committed && current.lost === 0 ? current : undefined;
      },
      { timeoutMs: SETTLE_MS, intervalMs: 200, what: "every committed review to score" },
    ).catch(() => auditScoring(databases(), acknowledged));
    report("end", audit, "");
    expect(audit.lost).toBe(0);
    expect(audit.doubled).toBe(0);
    expect(audit.awards).toBe(audit.committed);
    assertNoUnexpectedExit();

    for (const reviewer of reviewers) {
      const committed = audit.committedByUser.get(reviewer.userId) ?? 0;
      const points = await pointsOf(reviewer);
      // Every review in the log scored once: the acknowledged ones, and any that committed
      // while their reply failed (the only way points may exceed acknowledged × 10).
      expect(points).toBe(committed * 10);
      expect(points).toBeGreaterThanOrEqual(reviewer.acknowledged.size * 10);
    }
  }, 90_000);

  it("at the end, the leaderboard (rebuilt after the flush) agrees with the points", async () => {
    const expected = new Map<string, number>();
    for (const reviewer of reviewers) expected.set(reviewer.userId, await pointsOf(reviewer));
    const board = await waitFor(
      async () => {
        const entries = await leaderboard(reviewers[0]!);
        const agrees = entries.every((entry) => expected.get(entry.user.id) === entry.points);
        return agrees && entries.length === expected.size ? entries : undefined;
      },
      { timeoutMs: SETTLE_MS, what: "the leaderboard to match every user's points" },
    );
    expect(board).toHaveLength(reviewers.length);
  }, 60_000);
});

async function pointsOf(reviewer: Reviewer): Promise<number> {
  const { me } = await mustCall<{ me: { progress: { points: number } } }>(
    stack.gatewayUrl,
    "{ me { progress { points } } }",
    {},
    reviewer.token,
  );
  return me.progress.points;
}

async function leaderboard(
  reviewer: Reviewer,
): Promise<{ user: { id: string }; points: number }[]> {
  const { leaderboard } = await mustCall<{
    leaderboard: { user: { id: string }; points: number }[];
  }>(
    stack.gatewayUrl,
    "{ leaderboard(period: ALL_TIME, limit: 10) { user { id } points } }",
    {},
    reviewer.token,
  );
  return leaderboard;
}
