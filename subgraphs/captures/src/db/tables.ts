import * as schema from "./schema.ts";

export { schema };
export type CapturesSchema = typeof schema;
