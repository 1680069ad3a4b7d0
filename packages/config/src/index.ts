export { databaseUrlFor, type SubgraphName } from "./database-url.ts";
export { loadEnv } from "./load-env.ts";
export { optionalSetting } from "./optional-setting.ts";
export { type ServiceEnv, serviceEnv } from "./service-env.ts";
