import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { postgresBinDir } from "@kai/testkit";
import { type ReviewRecord, type Summary, summarize } from "./latency.ts";

const run = promisify(execFile);

/** One step of a review's way to the sockets, in ms after the review was sent (cumulative). */
export interface Hop {
  step: string;
  after: Summary;
}

/** A row of an outbox (or processed_events), as the stage reads it: epoch ms. */
interface Stamped {
  id: string;
  userId: string;
  key: string;
  occurredAt: number;
  publishedAt: number | null;
}

/**
 * Where a review's update spends its time, hop by hop, read after the run from the subgraphs'
 * own rows: every outbox row keeps the event (with `occurredAt`, stamped inside the writing
 * transaction) and `published_at` (the relay's claim of the row, kept only once JetStream
 * acknowledged it), and processed_events the start of the consumer's transaction. Matched to
 * the bench's reviews by user and card (learning) or points (progress). One clock throughout.
 */
export async function measureHops(
  databaseUrl: (subgraph: "learning" | "progress") => string,
  reviews: readonly ReviewRecord[],
): Promise<Hop[]> {
  const [reviewed, streaks, consumed] = await Promise.all([
    rows(
      databaseUrl("learning"),
      `select id, payload->>'userId' as "userId", payload->'data'->>'flashcardId' as key,
        payload->>'occurredAt' as "occurredAt", published_at as "publishedAt"
       from outbox where subject like 'learning.flashcard_reviewed.%'`,
    ),
    rows(
      databaseUrl("progress"),
      `select id, payload->>'userId' as "userId", payload->'data'->>'points' as key,
        payload->>'occurredAt' as "occurredAt", published_at as "publishedAt"
       from outbox where subject like 'progress.streak_updated.%'`,
    ),
    rows(
      databaseUrl("progress"),
      `select event_id as id, '' as "userId", '' as key, processed_at as "occurredAt",
        null as "publishedAt"
       from processed_events where consumer = 'progress-flashcard-reviewed'`,
    ),
  ]);
  const byKey = (list: Stamped[]) => new Map(list.map((row) => [`${row.userId}:${row.key}`, row]));
  const learning = byKey(reviewed);
  const progress = byKey(streaks);
  const applied = new Map(consumed.map((row) => [row.id, row.occurredAt]));

  const steps: [string, (review: ReviewRecord) => number | null | undefined][] = [
    ["review answered (HTTP)", (r) => r.answeredAt],
    ["learning: event written (in the mutation)", (r) => event(learning, r)?.occurredAt],
    ["learning relay: published", (r) => event(learning, r)?.publishedAt],
    ["progress consumer: transaction began", (r) => applied.get(event(learning, r)?.id ?? "")],
    ["progress: streak event written", (r) => progress.get(`${r.userId}:${r.points}`)?.occurredAt],
    ["progress relay: published", (r) => progress.get(`${r.userId}:${r.points}`)?.publishedAt],
    ["first socket received", (r) => r.firstAt],
    ["last socket received", (r) => r.lastAt],
  ];
  return steps.map(([step, at]) => ({
    step,
    after: summarize(
      reviews.flatMap((review) => {
        const time = at(review);
        return typeof time === "number" ? [time - review.sentAt] : [];
      }),
    ),
  }));
}

const event = (rows: Map<string, Stamped>, review: ReviewRecord) =>
  rows.get(`${review.userId}:${review.flashcardId}`);

/** The rows of `query` through psql (the bench has no PostgreSQL driver of its own). */
async function rows(url: string, query: string): Promise<Stamped[]> {
  const { stdout } = await run(
    join(postgresBinDir(), "psql"),
    [url, "-At", "-c", `select coalesce(json_agg(t), '[]') from (${query}) t`],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const parsed = JSON.parse(stdout) as Record<keyof Stamped, string | null>[];
  const epoch = (value: string | null) => (value === null ? null : Date.parse(value));
  return parsed.map((row) => ({
    id: row.id ?? "",
    userId: row.userId ?? "",
    key: row.key ?? "",
    occurredAt: epoch(row.occurredAt) ?? Number.NaN,
    publishedAt: epoch(row.publishedAt),
  }));
}
