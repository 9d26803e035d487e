import { describe, expect, it } from "vitest";
import { toAuditEvent } from "@/lib/server/db/audit-rows";

const row = {
  id: "act_1",
  at: "2026-01-01T00:00:00.000Z",
  actor_id: "usr_1",
  actor_email: "a@example.com",
  server_id: "srv_1",
  kind: "action",
  result: "refused" as const,
  code: "PROCESS_CHANGED",
  message: "gone",
};

describe("toAuditEvent", () => {
  it("lifts the action's target to the top, in the contract's shape", () => {
    const detail = JSON.stringify({ action: "terminate", signal: "SIGTERM", pid: 42, startTime: 7, comm: "a) b", signalled: false, answer: { secret: "no" } });
    expect(toAuditEvent({ ...row, detail })).toEqual({
      id: "act_1",
      at: row.at,
      actor: { id: "usr_1", email: "a@example.com" },
      serverId: "srv_1",
      kind: "action",
      action: "terminate",
      signal: "SIGTERM",
      pid: 42,
      comm: "a) b",
      startTime: 7,
      code: "PROCESS_CHANGED",
      result: "refused",
      message: "gone",
    });
  });

  it("leaves out what it does not know (other kinds, unreadable detail, no code)", () => {
    const e = toAuditEvent({ ...row, kind: "host-key", code: null, result: "done", detail: "{not json" });
    expect(Object.keys(e).sort()).toEqual(["actor", "at", "id", "kind", "message", "result", "serverId"]);
  });
});
