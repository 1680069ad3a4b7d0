import * as schema from "./schema.ts";

export { schema };
export type UsersSchema = typeof schema;
