import * as schema from "./schema.ts";

export { schema };
export type AnalyticsSchema = typeof schema;
