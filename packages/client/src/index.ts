export {
  createKaiClient,
  type KaiClient,
  type KaiClientOptions,
  type VariablesOf,
} from "./client.ts";
export { errorCode, errorMessage } from "./errors.ts";
export * from "./generated/graphql.ts";
export { documentIdOf } from "./persisted.ts";
export type { EventMeta, SubscriptionOptions, SubscriptionSink } from "./subscriptions.ts";
export { memoryTokenStore, type TokenStore, type Tokens } from "./tokens.ts";
