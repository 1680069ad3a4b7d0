import * as schema from "./schema.ts";

export { schema };
export type LearningSchema = typeof schema;
