import type { Request, Response } from "express";
import { metricsRegistry } from "./instruments.ts";

/** `GET /metrics` in Prometheus's text format: every metric of this process. */
export async function serveMetrics(_req: Request, res: Response): Promise<void> {
  res.setHeader("content-type", metricsRegistry.contentType);
  res.send(await metricsRegistry.metrics());
}
