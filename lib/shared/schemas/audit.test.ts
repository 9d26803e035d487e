// The audit query: empty filters are no filters; limit is bounded.
import { expect, it } from "vitest";
import { auditQuerySchema } from "@/lib/shared/schemas/audit";
it("treats empty filters as none and bounds the limit", () => {
  expect(auditQuerySchema.parse({ serverId: "", limit: "" })).toEqual({ serverId: undefined, actorId: undefined, limit: 100 });
  expect(auditQuerySchema.parse({ serverId: "srv_1", limit: "5" })).toEqual({ serverId: "srv_1", actorId: undefined, limit: 5 });
  expect(auditQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
  expect(auditQuerySchema.safeParse({ limit: "abc" }).success).toBe(false);
});
