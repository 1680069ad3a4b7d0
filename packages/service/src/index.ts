export { authenticationGuard } from "./authentication-guard.ts";
export { DateTime } from "./date-time.ts";
export { formatError, logFailures } from "./errors.ts";
export { jsonErrors, sendGraphqlError, unknownRoute } from "./http/index.ts";
export { JSONScalar } from "./json.ts";
export {
  countTokens,
  limitRules,
  type OperationLimits,
  operationCost,
  operationLimitsFrom,
  operationLimitsPlugin,
  tokenLimit,
} from "./limits/index.ts";
export { loadGroupsByKey, loadRowsByKey, perArguments } from "./loaders.ts";
export { createLogger, type Logger } from "./logger.ts";
export { parseInput } from "./parse-input.ts";
export { runUntilSignal, type Service } from "./run-until-signal.ts";
export {
  type BaseContext,
  listen,
  type SubgraphServer,
  type SubgraphServerOptions,
  startSubgraph,
} from "./subgraph-server.ts";
export { ownerFilter, requireSelfOrAdmin, requireViewer, viewerAsUser } from "./viewer.ts";
