export {
  catalogue,
  type EventData,
  type EventEnvelope,
  type EventType,
  isEventType,
  parseEvent,
  subjectOf,
} from "./catalogue.ts";
export { connectNats, type NatsConnections } from "./connect.ts";
export { type Consumer, type ConsumerOptions, startConsumer } from "./consumer.ts";
export { buildEvent, enqueueEvent } from "./enqueue.ts";
export { deleteUnsentEvents, isErasedUser, markUserErased } from "./erasure.ts";
export { type EventFields, eventFieldsOf } from "./event-fields.ts";
export { type OutboxRelay, type OutboxRelayOptions, startOutboxRelay } from "./relay.ts";
export { purgeUserEvents } from "./stream-erasure.ts";
export { ensureStreams, STREAMS, type StreamName, streamOf } from "./streams.ts";
export { type EventPayload, subscriptionPayload } from "./subscription-event.ts";
export { erasedUsers, outbox, processedEvents } from "./tables.ts";
export {
  decodeUserEvent,
  type FollowUserEventsOptions,
  followUserEvents,
  type ReplayUserEventsOptions,
  replayUserEvents,
} from "./user-events.ts";
