import { describe, expect, it } from "vitest";
import { ACTIONS_BY_ROLE, CAPABILITIES, checkPolicy, may } from "@/lib/shared/actions/policy";
import type { Role } from "@/lib/shared/auth/types";
import type { ActionRequest } from "@/lib/shared/actions/types";

const req = (over: Partial<ActionRequest>): ActionRequest => ({ action: "reap", pid: 1234, startTime: 99, ...over });

describe("checkPolicy", () => {
  const cases: [string, Role, Partial<ActionRequest>, boolean, string | null][] = [
    ["admin reaps", "admin", {}, false, null],
    ["agent reaps", "agent", {}, false, null],
    ["customer reaps", "customer", {}, false, null],
    ["customer terminates (Restart the leaking program)", "customer", { action: "terminate", confirm: 1234 }, false, null],
    ["customer terminates without typing the PID", "customer", { action: "terminate" }, false, "CONFIRMATION_REQUIRED"],
    ["customer kills", "customer", { action: "kill", confirm: 1234, reason: "x" }, true, "FORBIDDEN"],
    ["customer restarts a service, confirmed", "customer", { action: "restart", confirm: 1234, unit: "php-fpm.service" }, false, null],
    ["restart without confirm", "agent", { action: "restart", unit: "php-fpm.service" }, false, "CONFIRMATION_REQUIRED"],
    ["restart PID 1", "admin", { action: "restart", pid: 1, confirm: 1, unit: "init.service" }, false, "PROTECTED_PROCESS"],
    ["reap PID 1", "admin", { pid: 1 }, false, "PROTECTED_PROCESS"],
    ["terminate PID 1 without confirm: protected first", "admin", { pid: 1, action: "terminate" }, false, "PROTECTED_PROCESS"],
    ["kthreadd", "agent", { pid: 2 }, false, "PROTECTED_PROCESS"],
    ["terminate without confirm", "agent", { action: "terminate" }, false, "CONFIRMATION_REQUIRED"],
    ["terminate with the wrong pid", "agent", { action: "terminate", confirm: 1235 }, false, "CONFIRMATION_REQUIRED"],
    ["terminate with confirm as text", "agent", { action: "terminate", confirm: " 1234 " }, false, null],
    ["terminate confirmed", "agent", { action: "terminate", confirm: 1234 }, false, null],
    ["reap needs no confirm", "agent", { action: "reap", confirm: 7 }, false, null],
    ["kill before terminate, no reason", "agent", { action: "kill", confirm: 1234 }, false, "CONFIRMATION_REQUIRED"],
    ["kill with a blank reason", "agent", { action: "kill", confirm: 1234, reason: "  " }, false, "CONFIRMATION_REQUIRED"],
    ["kill with a reason", "agent", { action: "kill", confirm: 1234, reason: "wedged in a loop" }, false, null],
    ["kill after terminate", "admin", { action: "kill", confirm: 1234 }, true, null],
    ["kill after terminate still needs confirm", "admin", { action: "kill" }, true, "CONFIRMATION_REQUIRED"],
  ];
  it.each(cases)("%s", (_, role, over, terminateTried, code) => {
    expect(checkPolicy({ role, request: req(over), terminateTried })?.code ?? null).toBe(code);
  });

  it("says why a kill is refused and what to do", () => {
    expect(checkPolicy({ role: "agent", request: req({ action: "kill", confirm: 1234 }), terminateTried: false })?.message).toMatch(/terminate PID 1234 first, or give a reason/);
  });

  it("the PID 1 refusal says to restart the container or service", () => {
    expect(checkPolicy({ role: "admin", request: req({ pid: 1 }), terminateTried: false })?.message).toMatch(/Restart the container or the service/);
  });

  it("keeps the role table as data: customers may reap, terminate and restart a service, never kill", () => {
    expect(ACTIONS_BY_ROLE).toEqual({
      admin: ["reap", "terminate", "kill", "restart"],
      agent: ["reap", "terminate", "kill", "restart"],
      customer: ["reap", "terminate", "restart"],
    });
  });

  it("only staff change servers or pin host keys; only admins manage people and alerts", () => {
    const table = Object.fromEntries((["admin", "agent", "customer"] as const).map((r) => [r, CAPABILITIES.filter((c) => may(r, c))]));
    expect(table).toEqual({
      admin: ["servers:write", "host-key:pin", "accounts:read", "accounts:write", "people:manage", "servers:inspect", "alerts:manage"],
      agent: ["servers:write", "host-key:pin", "accounts:read", "servers:inspect"],
      customer: [],
    });
  });
});
