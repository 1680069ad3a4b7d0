import type { ConsumerSpec } from "@kai/runtime";
import { insertRegistration } from "../../db/facts.repo.ts";
import type { AnalyticsSchema } from "../../db/tables.ts";

/** New users and retention cohorts: only the instant of registration, none of the account's data. */
export function userCreatedConsumer(): ConsumerSpec<AnalyticsSchema, "users.user_created"> {
  return {
    durable: "analytics-user-created",
    type: "users.user_created",
    handle: (tx, event) => insertRegistration(tx, event.userId, new Date(event.occurredAt)),
  };
}
