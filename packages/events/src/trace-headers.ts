import { currentTraceContext } from "@kai/telemetry";
import { type MsgHdrs, headers as natsHeaders } from "nats";

/**
 * An outbox row keeps the trace context of the transaction that wrote it beside the envelope,
 * under this key: the relay publishes later, outside that request, and moves it into the
 * message's headers. It never reaches a message body.
 */
const TRACE_KEY = "traceContext";

/** The outbox payload for an event written now: the envelope, plus the active trace context. */
export function outboxPayload(event: object): Record<string, unknown> {
  const traceContext = currentTraceContext();
  return Object.keys(traceContext).length > 0
    ? { ...event, [TRACE_KEY]: traceContext }
    : { ...event };
}

/** What the relay publishes for an outbox payload: the envelope as the body, trace context as headers. */
export function publication(payload: unknown): { body: string; headers?: MsgHdrs } {
  const { [TRACE_KEY]: traceContext, ...envelope } = payload as Record<string, unknown>;
  const body = JSON.stringify(envelope);
  if (!traceContext || typeof traceContext !== "object") return { body };
  const headers = natsHeaders();
  for (const [name, value] of Object.entries(traceContext)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return { body, headers };
}
