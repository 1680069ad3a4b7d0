import { loadEnv, serviceEnv } from "@kai/config";
import { z } from "zod";

const url = z.url().optional();
const optionalFlag = z
  .enum(["true", "false"])
  .optional()
  .transform((flag) => (flag === undefined ? undefined : flag === "true"));

export const gatewayEnv = serviceEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Override a subgraph's routing URL from supergraph.yaml (another host, another port). */
  USERS_URL: url,
  CAPTURES_URL: url,
  LEARNING_URL: url,
  PROGRESS_URL: url,
  NOTIFICATIONS_URL: url,
  ANALYTICS_URL: url,
  /** Live subscriptions one WebSocket may hold; more are refused with RATE_LIMITED. */
  MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().positive().default(20),
  /** Live subscriptions one gateway replica holds in all; bounds memory under a flood. */
  MAX_SUBSCRIPTIONS: z.coerce.number().int().positive().default(20_000),
  /**
   * Schema introspection for everyone ("true") or no one ("false"). Unset: everyone outside
   * production; in production only ANALYST and ADMIN callers, who explore in GraphiQL.
   */
  INTROSPECTION: optionalFlag,
  /** Serve GraphiQL at /graphql to browsers. Unset: on outside production, off in production. */
  GRAPHIQL: optionalFlag,
  /**
   * Browser origins allowed to call the API (comma-separated). Unset: http://localhost:3000
   * (the Next.js dev server) outside production, none in production.
   */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((list) =>
      list
        ?.split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  /** A JSON file mapping document ids ("sha256:<hex>") to documents clients may send by id. */
  PERSISTED_DOCUMENTS: z.string().optional(),
  /** Refuse documents not in PERSISTED_DOCUMENTS, except from ANALYST and ADMIN callers. */
  ONLY_PERSISTED_DOCUMENTS: optionalFlag.transform((flag) => flag ?? false),
});

export type GatewayEnv = z.infer<typeof gatewayEnv>;

export const loadGatewayEnv = (source?: Record<string, string | undefined>) =>
  loadEnv(gatewayEnv, source);

/** The routing URL to use for a subgraph: the env override, else the supergraph's. */
export function subgraphUrl(env: GatewayEnv, name: string, routingUrl: string): string {
  const key = `${name.toUpperCase()}_URL` as "USERS_URL";
  return env[key] ?? routingUrl;
}
