import type { Logger } from "@kai/logger";
import type { KV, KvEntry, NatsConnection, QueuedIterator } from "nats";
import { REVOCATION_RETENTION_MS, RevocationList, type Revocations } from "./revocation-list.ts";

/** The JetStream KV bucket: key = user id, value = the ISO instant their older tokens died. */
export const REVOCATIONS_BUCKET = "revocations";

// JetStream's "wrong last sequence": another writer changed the key since we read it.
const WRONG_LAST_SEQUENCE = 10071;

export interface AccessTokenRevocations extends Revocations {
  /**
   * Voids every access token of the user issued before `notBefore` (default now), on every
   * verifier that watches the bucket, within a second. Resolves once NATS has stored it, and
   * this process's verifier refuses the tokens from then on; rejects when NATS cannot store it.
   */
  revoke(userId: string, notBefore?: Date): Promise<void>;
  /** Stops watching; the list keeps what it knew. */
  stop(): Promise<void>;
}

export interface OpenRevocationsOptions {
  log: Logger;
  /**
   * How long opening waits for the bucket's current entries. Default 10 s. A verifier that
   * started without them would accept tokens revoked before it started, so opening fails.
   */
  loadTimeoutMs?: number;
  /** The pause before watching again after the watch ended (NATS restarted). Default 1 s. */
  rewatchDelayMs?: number;
}

/**
 * Access-token revocations shared by every replica of every service through a JetStream KV
 * bucket, each replica holding them in memory: verifying a token costs no I/O, a revocation
 * written anywhere reaches every watcher within milliseconds, and a replica that starts loads
 * the bucket before it verifies anything. The bucket forgets an entry after
 * REVOCATION_RETENTION_MS, when every token it voided has expired anyway.
 *
 * While NATS is unreachable a replica keeps verifying against what it knew; revocations made
 * meanwhile apply when the watch resumes.
 */
export async function openRevocations(
  nc: NatsConnection,
  options: OpenRevocationsOptions,
): Promise<AccessTokenRevocations> {
  const { log } = options;
  const kv = await nc
    .jetstream()
    .views.kv(REVOCATIONS_BUCKET, { history: 1, ttl: REVOCATION_RETENTION_MS });
  const list = new RevocationList();
  const watch = watchBucket(nc, kv, list, log, options.rewatchDelayMs ?? 1_000);
  try {
    await withTimeout(watch.loaded, options.loadTimeoutMs ?? 10_000);
  } catch (error) {
    await watch.stop();
    throw error;
  }
  return {
    isRevoked: (userId, issuedAt) => list.isRevoked(userId, issuedAt),
    onRevoked: (listener) => list.onRevoked(listener),
    async revoke(userId, notBefore = new Date()) {
      await storeCutoff(kv, userId, notBefore);
      list.revoke(userId, notBefore);
    },
    stop: () => watch.stop(),
  };
}

/**
 * Follows the bucket into the list, from its current entries on. The watch starts over when it
 * ends and when the connection comes back: an ordered consumer would notice a restarted
 * server only after missing its heartbeats, seconds later.
 */
function watchBucket(
  nc: NatsConnection,
  kv: KV,
  list: RevocationList,
  log: Logger,
  rewatchDelayMs: number,
) {
  let stopped = false;
  let watcher: QueuedIterator<KvEntry> | undefined;
  let markLoaded = () => {};
  const loaded = new Promise<void>((resolve) => {
    markLoaded = resolve;
  });
  const apply = (entry: KvEntry) => {
    // Deletes and purges only forget; the bucket's age limit does that already.
    if (entry.operation !== "PUT") return;
    const notBefore = new Date(entry.string());
    if (Number.isNaN(notBefore.getTime())) {
      log.warn({ key: entry.key }, "revocation entry is not an instant; ignored");
      return;
    }
    list.revoke(entry.key, notBefore);
  };
  const running = (async () => {
    while (!stopped) {
      try {
        // Each (re)watch delivers every current entry first: applying one twice changes nothing.
        watcher = await kv.watch({ initializedFn: () => markLoaded() });
        for await (const entry of watcher) apply(entry);
      } catch (error) {
        if (!stopped) log.warn({ err: error }, "revocations watch ended; watching again");
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, rewatchDelayMs));
    }
  })();
  void (async () => {
    for await (const status of nc.status()) {
      if (stopped) break;
      if (status.type === "reconnect") watcher?.stop();
    }
  })();
  return {
    loaded,
    async stop() {
      stopped = true;
      watcher?.stop();
      await running;
    },
  };
}

/**
 * Stores the cut-off unless a later one is stored already: writers race (a password reset and
 * a deletion at once), and a replica that starts later must load the latest. Compare-and-set
 * on the key's revision, read again when another writer got there first.
 */
async function storeCutoff(kv: KV, userId: string, notBefore: Date): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await kv.get(userId);
    const stored = current?.operation === "PUT" ? new Date(current.string()).getTime() : NaN;
    if (stored >= notBefore.getTime()) return;
    try {
      if (current) await kv.update(userId, notBefore.toISOString(), current.revision);
      else await kv.create(userId, notBefore.toISOString());
      return;
    } catch (error) {
      if (!isWrongLastSequence(error)) throw error;
    }
  }
  throw new Error(`could not store the revocation of user ${userId}: the key kept changing`);
}

const isWrongLastSequence = (error: unknown) =>
  (error as { api_error?: { err_code?: number } }).api_error?.err_code === WRONG_LAST_SEQUENCE;

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`revocations did not load from NATS within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
