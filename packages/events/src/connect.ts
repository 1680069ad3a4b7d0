import type { Logger } from "@kai/logger";
import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection } from "nats";
import { ensureStreams } from "./streams.ts";

export interface NatsConnections {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/**
 * Connects to NATS and makes sure every stream exists. Once connected it reconnects forever:
 * while NATS is away the outbox holds events and consumers resume where they left off.
 */
export async function connectNats(
  url: string,
  name: string,
  log: Logger,
  /** Copies of each stream (NATS_STREAM_REPLICAS): 3 on a JetStream cluster. Default 1. */
  streamReplicas = 1,
): Promise<NatsConnections> {
  const nc = await connect({
    servers: url,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  (async () => {
    for await (const status of nc.status()) {
      log.info({ nats: status.type, data: String(status.data) }, "nats status");
    }
  })().catch(() => {});
  const jsm = await nc.jetstreamManager();
  await ensureStreams(jsm, streamReplicas);
  return { nc, js: nc.jetstream(), jsm };
}
