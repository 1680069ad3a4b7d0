import type { JetStreamManager } from "nats";
import { catalogue, type EventType, subjectOf } from "./catalogue.ts";
import { streamOf } from "./streams.ts";

/**
 * Stays in the stream: every other subgraph's erasure consumer still has to read it, and it
 * carries nothing but the id.
 */
const KEPT: EventType = "users.user_deleted";

/**
 * Removes a deleted user's events from the stream of `publisher` (a subgraph): every message of
 * each type it publishes whose subject ends in their id (`<type>.<userId>`, see subjectOf), bar
 * `users.user_deleted`. Streams that keep events for good (streams.ts) would otherwise keep
 * the user's email, captures and page texts after the account is gone. Purging what is already
 * gone is no error, so it may be repeated. Resolves to the number of messages removed.
 */
export async function purgeUserEvents(
  jsm: JetStreamManager,
  publisher: string,
  userId: string,
): Promise<number> {
  const types = (Object.keys(catalogue) as EventType[]).filter(
    (type) => type.startsWith(`${publisher}.`) && type !== KEPT,
  );
  const purges = await Promise.all(
    types.map((type) => jsm.streams.purge(streamOf(type), { filter: subjectOf(type, userId) })),
  );
  return purges.reduce((sum, purge) => sum + purge.purged, 0);
}
