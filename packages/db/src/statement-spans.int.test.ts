import { randomBytes } from "node:crypto";
import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-node";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DRIVERS, openProbeDatabases, type ProbeDatabases } from "./testing/probe-databases.ts";
import { probe } from "./testing/probe-schema.ts";

const exporter = new InMemorySpanExporter();
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
const tracer = trace.getTracer("statement-spans test");

let probes: ProbeDatabases;

beforeAll(async () => {
  probes = await openProbeDatabases("statement_spans");
});

afterAll(async () => {
  await probes?.close();
  // The test files after this one share the process: leave OpenTelemetry off again for them.
  trace.disable();
  context.disable();
  propagation.disable();
});

beforeEach(() => exporter.reset());

/** Runs `work` in a request-like span; returns that span's id, the spans made in it, the error. */
async function underRequest(work: () => Promise<unknown>) {
  const { spanId, error } = await tracer.startActiveSpan("request", async (request) => {
    const error = await work().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    request.end();
    return { spanId: request.spanContext().spanId, error };
  });
  const spans = exporter.getFinishedSpans().filter((span) => span.name !== "request");
  return { spanId, spans, error };
}

const childOf = (spanId: string) => (span: ReadableSpan) =>
  span.parentSpanContext?.spanId === spanId;

/** Everything a span would export that could carry a value. */
const exported = (span: ReadableSpan) =>
  JSON.stringify([span.name, span.attributes, span.events, span.status, span.links]);

describe.each(DRIVERS)("statement spans on %s", (driver) => {
  const db = () => probes.drivers[driver].db;
  /** What `current_database()` answers, which `db.namespace` must name. */
  const databaseName = async () => {
    const result = await db().execute<{ name: string }>(sql`select current_database() as name`);
    const rows = Array.isArray(result) ? result : (result as { rows: { name: string }[] }).rows;
    return rows[0]?.name;
  };

  it("a statement under a span makes a child span with its text and not its values", async () => {
    const secret = `secret-${randomBytes(6).toString("hex")}`;
    const { spanId, spans, error } = await underRequest(() =>
      db().select().from(probe).where(eq(probe.note, secret)),
    );
    expect(error).toBeUndefined();
    expect(spans).toHaveLength(1);
    const [span] = spans as [ReadableSpan];
    expect(childOf(spanId)(span)).toBe(true);
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.name).toBe("SELECT probe");
    expect(span.attributes).toMatchObject({
      "db.system": "postgresql",
      "db.system.name": "postgresql",
      "db.namespace": await databaseName(),
      "db.operation.name": "SELECT",
      "db.collection.name": "probe",
      "db.query.text": 'select "id", "note" from "probe" where "probe"."note" = $1',
    });
    if (driver === "postgres.js") {
      expect(span.attributes).toMatchObject({
        "server.address": "127.0.0.1",
        "server.port": Number(new URL(probes.url).port || 5432),
      });
    }
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(exported(span)).not.toContain(secret);
  });

  it("a failing statement marks its span failed with the SQLSTATE, not the message", async () => {
    const secret = `secret-${randomBytes(6).toString("hex")}`;
    const { spanId, spans, error } = await underRequest(() =>
      db().execute(sql`select ${secret}::int as n`),
    );
    // The error itself quotes the value: the span must not pass it on.
    expect(String((error as Error).message)).toContain(secret);
    const span = spans.find(childOf(spanId));
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes).toMatchObject({
      "db.operation.name": "SELECT",
      "db.query.text": "select $1::int as n",
      "db.response.status_code": "22P02",
      "error.type": "22P02",
    });
    expect(exported(span!)).not.toContain(secret);
  });

  it("a transaction makes a span that its statements hang under", async () => {
    const note = `tx-${randomBytes(6).toString("hex")}`;
    const { spanId, spans } = await underRequest(() =>
      db().transaction(async (tx) => {
        await tx.insert(probe).values({ note });
        await tx
          .update(probe)
          .set({ note: `${note}!` })
          .where(eq(probe.note, note));
      }),
    );
    const transaction = spans.find(childOf(spanId));
    expect(transaction?.name).toBe("transaction");
    expect(transaction?.attributes["db.namespace"]).toBe(await databaseName());
    expect(
      spans.filter(childOf(transaction!.spanContext().spanId)).map((span) => span.name),
    ).toEqual(["INSERT probe", "UPDATE probe"]);
    expect(spans.some((span) => exported(span).includes(note))).toBe(false);
  });

  it("a transaction that rolls back marks its span failed", async () => {
    const { spanId, spans, error } = await underRequest(() =>
      db().transaction(async (tx) => {
        await tx.insert(probe).values({ note: "rolled back" });
        throw new RangeError("changed my mind");
      }),
    );
    expect(error).toBeInstanceOf(RangeError);
    const transaction = spans.find(childOf(spanId));
    expect(transaction?.status.code).toBe(SpanStatusCode.ERROR);
    expect(transaction?.attributes["error.type"]).toBe("RangeError");
  });

  it("a statement with no span active makes no span", async () => {
    await db().select().from(probe).limit(1);
    await db().transaction((tx) => tx.select().from(probe).limit(1));
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
