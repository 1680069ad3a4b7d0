import { pgTable, serial, text } from "drizzle-orm/pg-core";

/** The one table of the restart tests (testing/migrations): transactions write rows to it. */
export const probe = pgTable("probe", {
  id: serial("id").primaryKey(),
  note: text("note").notNull(),
});

export const probeSchema = { probe };
export type ProbeSchema = typeof probeSchema;
