import * as schema from "./schema.ts";

export { schema };
export type NotificationsSchema = typeof schema;
