import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const REGISTER = fileURLToPath(new URL("./register.mjs", import.meta.url));
const PACKAGE = fileURLToPath(new URL("..", import.meta.url));

/** The tracer provider a process preloaded with register.mjs ends up with, by class name. */
async function providerWith(env: Record<string, string>): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [
      "--import",
      REGISTER,
      "--input-type=module",
      "-e",
      `const { trace } = await import("@opentelemetry/api");
       console.log(trace.getTracerProvider().getDelegate().constructor.name);
       process.exit(0);`,
    ],
    { cwd: PACKAGE, env: { PATH: process.env.PATH ?? "", ...env }, timeout: 20_000 },
  );
  return stdout.trim();
}

describe("tracing preload", () => {
  it("is off without OTEL_* settings", async () => {
    expect(await providerWith({})).toBe("NoopTracerProvider");
  });

  it("is off when OTEL_SDK_DISABLED says so, whatever else is set", async () => {
    expect(await providerWith({ OTEL_TRACES_EXPORTER: "console", OTEL_SDK_DISABLED: "true" })).toBe(
      "NoopTracerProvider",
    );
  });

  it("starts the SDK when an exporter is asked for", async () => {
    expect(await providerWith({ OTEL_TRACES_EXPORTER: "console" })).toBe("NodeTracerProvider");
  });
});
