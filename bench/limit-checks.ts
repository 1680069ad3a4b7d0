import { readFileSync } from "node:fs";
import { countTokens, limitRules, type OperationLimits, operationCost } from "@kai/service";
import { buildSchema, parse, validate } from "graphql";

const API_SCHEMA = new URL("../schema/api.graphql", import.meta.url);
const ROUNDS = 2_000;

/**
 * The CPU time the operation limits add to one request, measured apart from everything else:
 * the token count, the three Armor rules (run alone, without graphql-js's own rules) and the
 * cost estimate, over the gateway's API schema. Apollo caches a document's validation, so on
 * a hot path only the token count and the cost run per request; both figures are given.
 */
export function limitCheckMicroseconds(query: string, limits: OperationLimits) {
  const schema = buildSchema(readFileSync(API_SCHEMA, "utf8"));
  const document = parse(query);
  const rules = limitRules(limits);
  const time = (work: () => void) => {
    for (let i = 0; i < 100; i++) work();
    const start = performance.now();
    for (let i = 0; i < ROUNDS; i++) work();
    return ((performance.now() - start) * 1000) / ROUNDS;
  };
  const perRequest = time(() => {
    countTokens(query, limits.tokens);
    operationCost(schema, document, {}, undefined, limits);
  });
  const rulesOnce = time(() => validate(schema, document, rules));
  return { perRequest, rulesOnce };
}
