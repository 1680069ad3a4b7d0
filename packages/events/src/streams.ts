import { type JetStreamManager, RetentionPolicy, StorageType } from "nats";

const DAY_NS = 24 * 60 * 60 * 1e9;

/** One stream per owning subgraph, plus the dead letters every consumer parks poison in. */
export const STREAMS = {
  USERS: "users.>",
  CAPTURES: "captures.>",
  LEARNING: "learning.>",
  PROGRESS: "progress.>",
  NOTIFICATIONS: "notifications.>",
  DEAD_LETTERS: "dlq.>",
} as const;

export type StreamName = keyof typeof STREAMS;

/**
 * How long each stream keeps an event, in days; 0 keeps it for good. Analytics builds its read
 * model from the users, captures and learning streams and rebuilds it by replaying them from
 * the first event, so those keep everything but a deleted account's events, which their owner
 * purges on `users.user_deleted` (stream-erasure.ts; README, "Retention of the streams": the disk
 * it costs). The others only need to outlast an outage.
 */
const RETENTION_DAYS: Record<StreamName, number> = {
  USERS: 0,
  CAPTURES: 0,
  LEARNING: 0,
  PROGRESS: 30,
  NOTIFICATIONS: 30,
  DEAD_LETTERS: 30,
};

export function streamOf(type: string): StreamName {
  const owner = type.slice(0, type.indexOf(".")).toUpperCase();
  if (!(owner in STREAMS)) throw new Error(`No stream owns event type ${type}`);
  return owner as StreamName;
}

/**
 * Creates or updates every stream, with `replicas` copies each (NATS_STREAM_REPLICAS). Each
 * service calls it on start, so start order does not matter; the same config from two services
 * at once is accepted by the server.
 */
export async function ensureStreams(jsm: JetStreamManager, replicas = 1): Promise<void> {
  for (const [name, subject] of Object.entries(STREAMS) as [StreamName, string][]) {
    const config = {
      name,
      subjects: [subject],
      storage: StorageType.File,
      num_replicas: replicas,
      retention: RetentionPolicy.Limits,
      max_age: RETENTION_DAYS[name] * DAY_NS,
      // Long enough to swallow a relay's retry after a crash between publish and commit.
      duplicate_window: 10 * 60 * 1e9,
    };
    try {
      const existing = await jsm.streams.info(name);
      // Copies only grow: a tool started without NATS_STREAM_REPLICAS (default 1) must not
      // shrink a cluster's R3 stream.
      const copies = Math.max(replicas, existing.config.num_replicas);
      await jsm.streams.update(name, { ...config, num_replicas: copies });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await jsm.streams.add(config).catch(async (addError: unknown) => {
        // Another service created it between our two calls.
        await jsm.streams.info(name).catch(() => {
          throw addError;
        });
      });
    }
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && /stream not found/i.test(error.message);
}
