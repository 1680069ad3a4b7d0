import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import type { BenchUser } from "./fixtures.ts";
import { clockNow } from "./latency.ts";
import { mapPooled } from "./pool.ts";

const STREAK_UPDATED = "subscription { streakUpdated { points streak user { name } } }";
/** Sockets opened at once: a flood of handshakes would overflow the listen backlog, not measure fan-out. */
const CONNECT_CONCURRENCY = 50;
const CONNECT_TIMEOUT_MS = 10_000;

export interface StreakUpdate {
  points: number;
  streak: number;
  user: { name: string };
}

export interface Subscriber {
  index: number;
  user: BenchUser;
}

export type UpdateListener = (
  subscriber: Subscriber,
  update: StreakUpdate,
  receivedAt: number,
) => void;

export interface Subscribers {
  count: number;
  /** Subscriptions that ended with an error or a socket that closed under them. */
  failures(): number;
  dispose(): Promise<void>;
}

/**
 * `perUser` graphql-ws clients per user, each subscribed to its user's streakUpdated, as that
 * many devices would be. Resolves once every socket is connected; `onUpdate` sees each result
 * with the time it arrived (clockNow).
 */
export async function connectSubscribers(
  gatewayUrl: string,
  users: readonly BenchUser[],
  perUser: number,
  onUpdate: UpdateListener,
): Promise<Subscribers> {
  const url = gatewayUrl.replace(/^http/, "ws");
  const subscribers = users
    .flatMap((user) => Array.from({ length: perUser }, () => user))
    .map((user, index): Subscriber => ({ index, user }));
  let failures = 0;
  const clients: Client[] = [];
  const fail = () => {
    failures++;
  };

  const dispose = async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  };

  try {
    await mapPooled(subscribers, CONNECT_CONCURRENCY, async (subscriber) => {
      const client = await connect(url, subscriber.user.accessToken);
      clients.push(client);
      client.subscribe<{ streakUpdated: StreakUpdate }>(
        { query: STREAK_UPDATED },
        {
          next: ({ data }) => {
            if (data) onUpdate(subscriber, data.streakUpdated, clockNow());
            else fail();
          },
          error: fail,
          complete: () => {},
        },
      );
    });
  } catch (error) {
    await dispose();
    throw error;
  }
  return { count: subscribers.length, failures: () => failures, dispose };
}

/** A client that has had its connection acknowledged (so its token was accepted). */
function connect(url: string, token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error("socket did not connect in time"));
      void client.dispose();
    }, CONNECT_TIMEOUT_MS);
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      on: {
        connected: () => {
          clearTimeout(timer);
          resolve(client);
        },
        closed: (event) => {
          clearTimeout(timer);
          reject(new Error(`socket closed before connecting: ${JSON.stringify(event)}`));
        },
      },
      onNonLazyError: () => {},
    });
  });
}
