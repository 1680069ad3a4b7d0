import * as schema from "./schema.ts";

export { schema };
export type ProgressSchema = typeof schema;
