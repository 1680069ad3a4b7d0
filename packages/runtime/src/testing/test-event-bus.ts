import { type EventEnvelope, type EventType, subjectOf } from "@kai/events";
import { connect, type NatsConnection, type PubAck } from "nats";

/** A test's own NATS connection, to play the other subgraphs around the one under test. */
export interface TestEventBus {
  nc: NatsConnection;
  /**
   * Publishes an event to JetStream as its owner's outbox relay would. `msgID` defaults to
   * the event id; another one gets a copy past JetStream's deduplication, as a redelivery.
   */
  publish(event: EventEnvelope, msgID?: string): Promise<PubAck>;
  /** Collects every event of that type for the user from now on, as NATS delivers them. */
  listen<T extends EventType>(type: T, userId: string): Promise<EventEnvelope<T>[]>;
  close(): Promise<void>;
}

export async function connectTestEventBus(url: string): Promise<TestEventBus> {
  const nc = await connect({ servers: url, name: "kai-test" });
  const js = nc.jetstream();
  return {
    nc,
    publish: (event, msgID = event.id) =>
      js.publish(subjectOf(event.type, event.userId), JSON.stringify(event), { msgID }),
    async listen<T extends EventType>(type: T, userId: string) {
      const received: EventEnvelope<T>[] = [];
      const subscription = nc.subscribe(subjectOf(type, userId));
      (async () => {
        for await (const message of subscription) received.push(message.json());
      })().catch(() => {});
      // The subscription is live on the server once this round trip returns.
      await nc.flush();
      return received;
    },
    close: () => nc.drain(),
  };
}
