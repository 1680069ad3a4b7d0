import { queryRows } from "./psql.ts";

export interface ScoringAudit {
  /** Reviews the API acknowledged, among those audited. */
  acknowledged: number;
  /** Of those, how many have scored (a point award for their event). */
  applied: number;
  /** Acknowledged reviews with no award: points the user was promised and never got. */
  lost: number;
  /** Reviews that scored more than once, or were recorded more than once for one request. */
  doubled: number;
  /** Reviews in learning's log: the acknowledged ones plus any that committed while the reply failed. */
  committed: number;
  /** Point awards for reviews in progress's ledger; equals `committed` once everything has scored. */
  awards: number;
  /** Users whose running total differs from the sum of their ledger. */
  totalsOff: number;
  /** Reviews in learning's log per user id. */
  committedByUser: Map<string, number>;
}

/** Learning's and progress's own records, read straight from their databases. */
interface Records {
  /** Review event id → the card it reviewed, from learning's outbox (kept a day after publishing). */
  cardOfEvent: Map<string, string>;
  /** Rows in learning's review log per card. */
  reviewsPerCard: Map<string, number>;
  /** Event ids progress awarded points for, one entry per award row. */
  awardedEvents: string[];
  /** (consumer, event) pairs progress recorded more than once. */
  reprocessed: number;
  totalsOff: number;
  committedByUser: Map<string, number>;
}

async function readRecords(learningUrl: string, progressUrl: string): Promise<Records> {
  const [events, reviews, byUser, awards, reprocessed, totals] = await Promise.all([
    queryRows(
      learningUrl,
      `select id, payload->'data'->>'flashcardId' from outbox
        where payload->>'type' = 'learning.flashcard_reviewed'`,
    ),
    queryRows(learningUrl, "select flashcard_id, count(*) from reviews group by flashcard_id"),
    queryRows(learningUrl, "select owner_id, count(*) from reviews group by owner_id"),
    queryRows(
      progressUrl,
      "select event_id from point_awards where rule = 'learning.flashcard_reviewed'",
    ),
    queryRows(
      progressUrl,
      `select count(*) from (select 1 from processed_events
        group by consumer, event_id having count(*) > 1) as repeated`,
    ),
    queryRows(
      progressUrl,
      `select count(*) from user_progress u
        where u.points <> (select coalesce(sum(p.points), 0) from point_awards p
                            where p.user_id = u.user_id)`,
    ),
  ]);
  return {
    cardOfEvent: new Map(events.map(([id, card]) => [id ?? "", card ?? ""])),
    reviewsPerCard: new Map(reviews.map(([card, count]) => [card ?? "", Number(count)])),
    awardedEvents: awards.map(([id]) => id ?? ""),
    reprocessed: Number(reprocessed[0]?.[0] ?? 0),
    totalsOff: Number(totals[0]?.[0] ?? 0),
    committedByUser: new Map(byUser.map(([user, count]) => [user ?? "", Number(count)])),
  };
}

/**
 * Checks acknowledged reviews against what progress applied, card by card: each driver
 * request reviews its own fresh card, so a card is the identity of one acknowledged review.
 */
export async function auditScoring(
  databases: { learning: string; progress: string },
  acknowledged: ReadonlySet<string>,
): Promise<ScoringAudit> {
  const records = await readRecords(databases.learning, databases.progress);
  const awardsPerCard = new Map<string, number>();
  for (const eventId of records.awardedEvents) {
    // An award whose event learning never wrote is keyed by the event, so it still shows.
    const card = records.cardOfEvent.get(eventId) ?? `unknown event ${eventId}`;
    awardsPerCard.set(card, (awardsPerCard.get(card) ?? 0) + 1);
  }
  const applied = [...acknowledged].filter((card) => awardsPerCard.has(card)).length;
  const scoredTwice = [...awardsPerCard.values()].filter((count) => count > 1).length;
  const loggedTwice = [...records.reviewsPerCard.values()].filter((count) => count > 1).length;
  return {
    acknowledged: acknowledged.size,
    applied,
    lost: acknowledged.size - applied,
    doubled: scoredTwice + loggedTwice + records.reprocessed,
    committed: records.reviewsPerCard.size,
    awards: records.awardedEvents.length,
    totalsOff: records.totalsOff,
    committedByUser: records.committedByUser,
  };
}

/** Of these cards' reviews, how many learning's relay has not yet published to NATS. */
export async function unpublishedReviews(
  learningUrl: string,
  cards: ReadonlySet<string>,
): Promise<number> {
  const rows = await queryRows(
    learningUrl,
    `select payload->'data'->>'flashcardId' from outbox
      where published_at is null and payload->>'type' = 'learning.flashcard_reviewed'`,
  );
  return rows.filter(([card]) => card !== undefined && cards.has(card)).length;
}
