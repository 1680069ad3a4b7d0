// Starts OpenTelemetry tracing before a service loads anything else, so the HTTP and GraphQL
// instrumentations can patch those modules as they load. Plain JavaScript: it runs from
// `node --import` (NODE_OPTIONS included) ahead of the TypeScript loader.
//
// Off unless the standard OTEL_* environment asks for traces: OTEL_TRACES_EXPORTER (otlp,
// console) or an OTLP endpoint. OTEL_SERVICE_NAME names the service; OTEL_SDK_DISABLED=true
// turns it off whatever else is set. Everything else (protocol, headers, sampler) is the
// SDK's own reading of OTEL_*. SQL statements get their spans from @kai/db itself
// (statement-spans.ts): no instrumentation here sees postgres.js.
import { GraphQLInstrumentation } from "@opentelemetry/instrumentation-graphql";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { NodeSDK } from "@opentelemetry/sdk-node";

const env = process.env;
const exporter = env.OTEL_TRACES_EXPORTER;
// Empty counts as unset: compose files pass `${OTEL_EXPORTER_OTLP_ENDPOINT:-}` through.
const requested =
  Boolean(exporter && exporter !== "none") ||
  Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT) ||
  Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);

if (requested && env.OTEL_SDK_DISABLED !== "true") {
  const sdk = new NodeSDK({
    // Without OTEL_SERVICE_NAME, the service the image runs (SERVICE=subgraphs/users → users).
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: env.SERVICE?.split("/").pop() }),
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes every few seconds would bury the requests worth reading.
        ignoreIncomingRequestHook: (request) =>
          ["/health", "/ready", "/metrics"].includes(request.url ?? ""),
      }),
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
    ],
  });
  sdk.start();
  // A service's graceful stop flushes spans itself (flushTraces); this covers a plain exit.
  process.once("beforeExit", () => void sdk.shutdown());
}
