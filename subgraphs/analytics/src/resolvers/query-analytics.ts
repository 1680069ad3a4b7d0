import type { Role } from "@kai/auth";
import { forbidden } from "@kai/errors";
import { requireViewer } from "@kai/service";
import type { QueryResolvers } from "../generated/graphql.ts";

/** Proof that the caller passed the analyst check: the only way to reach `Analytics` fields. */
export interface AnalystAccess {
  role: Role;
}

const EXPLORERS: ReadonlySet<Role> = new Set(["ANALYST", "ADMIN"]);

export const analytics: QueryResolvers["analytics"] = (_, __, ctx) => {
  const { role } = requireViewer(ctx);
  if (!EXPLORERS.has(role)) throw forbidden("Analytics are for analysts and admins only");
  return { role };
};
