import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { Logger } from "../logger.ts";

/** Sends a GraphQL-shaped error body, so every client parses every answer the same way. */
export function sendGraphqlError(
  res: Response,
  status: number,
  message: string,
  code = "BAD_REQUEST",
): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * What express would otherwise answer with an HTML page (and in development a stack trace):
 * a body it cannot parse, one over the size limit, a route that does not exist, a handler
 * that threw. Mount `unknownRoute` and `jsonErrors` last.
 */
export const unknownRoute: RequestHandler = (req, res) => {
  sendGraphqlError(res, 404, `Nothing is served at ${req.method} ${req.path}`, "NOT_FOUND");
};

export function jsonErrors(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const refused = requestProblem(error);
    if (refused) return sendGraphqlError(res, refused.status, refused.message);
    log.error({ err: error }, "request failed outside GraphQL");
    sendGraphqlError(res, 500, "Internal server error", "INTERNAL_SERVER_ERROR");
  };
}

/** body-parser's errors (`type`, `status`) reworded for the client; undefined for our own faults. */
function requestProblem(error: unknown): { status: number; message: string } | undefined {
  const { type, status, limit } = error as { type?: string; status?: number; limit?: number };
  switch (type) {
    case "entity.parse.failed":
      return { status: 400, message: "The request body is not valid JSON" };
    case "entity.too.large":
      return { status: 413, message: `The request body is over the limit of ${limit} bytes` };
    case "encoding.unsupported":
    case "charset.unsupported":
      return { status: 415, message: "The request body must be UTF-8 JSON" };
    case "request.aborted":
    case "request.size.invalid":
    case "stream.encoding.set":
      return { status: 400, message: "The request body could not be read" };
  }
  if (typeof status === "number" && status >= 400 && status < 500) {
    return { status, message: "The request could not be read" };
  }
  return undefined;
}
