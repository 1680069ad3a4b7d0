import { readFileSync } from "node:fs";
import { type DocumentNode, parse } from "graphql";

/** Parses a subgraph's `.graphql` SDL file, given relative to the caller's module URL. */
export function loadSchema(file: string, from: string): DocumentNode {
  return parse(readFileSync(new URL(file, from), "utf8"));
}
