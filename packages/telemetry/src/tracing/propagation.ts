import {
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";

/**
 * W3C trace context of the active span (`traceparent`, and `tracestate` when set), to carry
 * across a hop the HTTP instrumentation does not see: an outbox row, a NATS message header.
 * Empty when no trace is active (tracing off, or work no request caused).
 */
export function currentTraceContext(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Reads one header of a message; NATS headers and plain records both fit. */
export type HeaderGetter = (name: string) => string | undefined;

const TRACER = trace.getTracer("@kai/telemetry");

/**
 * Runs `work` in a consumer span that continues the trace named by `headers`, so a consumer's
 * effect joins the trace of the request that caused its event. Without trace headers it
 * starts a trace of its own; with tracing off it only runs `work`.
 */
export async function inConsumerSpan<T>(
  name: string,
  headers: HeaderGetter,
  attributes: Record<string, string | number>,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(context.active(), undefined, {
    get: (_carrier, key) => headers(key),
    keys: () => ["traceparent", "tracestate"],
  });
  return TRACER.startActiveSpan(
    name,
    { kind: SpanKind.CONSUMER, attributes },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Exports the spans still buffered: a graceful stop calls it last, before the process exits. */
export async function flushTraces(): Promise<void> {
  const provider = trace.getTracerProvider() as { getDelegate?(): unknown };
  const delegate = (provider.getDelegate?.() ?? provider) as { forceFlush?(): Promise<void> };
  await delegate.forceFlush?.().catch(() => {});
}
