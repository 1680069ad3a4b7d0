import { queryTooComplex } from "@kai/errors";
import type { RequestHandler } from "express";
import { type GraphQLError, Lexer, Source, TokenKind } from "graphql";

/**
 * Counts the document's tokens, stopping one past `max`, so an oversized document costs no
 * more than `max` tokens of lexing and is never parsed. A lexing error is left for the parser
 * to report with its usual message.
 */
export function countTokens(document: string, max: number): number {
  const lexer = new Lexer(new Source(document));
  let tokens = 0;
  try {
    while (tokens <= max && lexer.advance().kind !== TokenKind.EOF) tokens++;
  } catch {
    return tokens;
  }
  return tokens;
}

/**
 * Refuses a document over the token limit before anything parses it. It sits in front of
 * Apollo because Apollo turns an error thrown before parsing into a 500.
 */
export function tokenLimit(max: number): RequestHandler {
  return (req, res, next) => {
    const carrier = req.method === "GET" ? req.query : req.body;
    const query = (carrier as { query?: unknown } | undefined)?.query;
    if (typeof query !== "string") return next();
    const tokens = countTokens(query, max);
    if (tokens <= max) return next();
    const error = queryTooComplex({ limit: "tokens", max, actual: tokens });
    res.status(400).json({ errors: [{ message: error.message, extensions: withoutHttp(error) }] });
  };
}

function withoutHttp(error: GraphQLError): Record<string, unknown> {
  const { http: _, ...extensions } = error.extensions;
  return extensions;
}
