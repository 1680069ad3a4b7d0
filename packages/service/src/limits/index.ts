export { limitRules } from "./limit-rules.ts";
export { operationCost } from "./operation-cost.ts";
export { type OperationLimits, operationLimitsFrom } from "./operation-limits.ts";
export { operationLimitsPlugin } from "./operation-limits-plugin.ts";
export { countTokens, tokenLimit } from "./token-count.ts";
