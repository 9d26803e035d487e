import { describe, expect, it } from "vitest";
import { leakAge, outcomeSummary, pidHeadroom } from "@/components/panel/panel-words";
import { programDescription } from "@/components/panel/programs";
import type { Action } from "@/lib/shared/actions/types";
import type { PidGauge } from "@/lib/shared/triage/types";

describe("programDescription", () => {
  it.each([
    ["php-fpm", "your PHP worker manager"],
    ["php-fpm8.2", "your PHP worker manager"],
    ["httpd", "your Apache web server"],
    ["apache2", "your Apache web server"],
    ["nginx", "your nginx web server"],
    ["mysqld", "your MySQL or MariaDB database"],
    ["python3.11", "a Python program"],
    ["node", "a Node.js application"],
    ["web worker)", "a program on your server"],
  ])("%s: %s", (comm, words) => {
    expect(programDescription(comm)).toBe(words);
  });
});

describe("leakAge", () => {
  it.each([
    [30, "a few minutes"],
    [20 * 60, "about 20 minutes"],
    [65 * 60, "about an hour"],
    [5 * 3600, "about 5 hours"],
    [3 * 86400, "about 3 days"],
  ])("%i s: %s", (s, words) => {
    expect(leakAge(s)).toBe(words);
  });
});

const gauge = (over: Partial<PidGauge>): PidGauge => ({
  inUse: 200,
  limit: 32768,
  limitName: "pid_max",
  pidMax: 32768,
  threadsMax: null,
  zombies: 40,
  ratio: 200 / 32768,
  level: "ok",
  text: "",
  sources: [],
  ...over,
});

describe("pidHeadroom", () => {
  it("says how many are used, how many zombies hold, and whether that is a danger", () => {
    expect(pidHeadroom(gauge({}))).toEqual({
      level: "ok",
      title: "Plenty of process IDs left",
      text: "200 of 32,768 process IDs are in use (1%), 40 of them held by zombies. The zombies are not a danger yet, but they keep adding up until the program is fixed.",
    });
    expect(pidHeadroom(gauge({ zombies: 0 })).text).toBe("200 of 32,768 process IDs are in use (1%).");
    expect(pidHeadroom(gauge({ inUse: 31000, ratio: 31000 / 32768, level: "critical" })).title).toBe("Almost out of process IDs");
    expect(pidHeadroom(gauge({ inUse: 25000, ratio: 25000 / 32768, level: "warn" })).title).toBe("Running low on process IDs");
  });
});

const action = (over: Partial<Action>): Action => ({
  id: "act_1",
  serverId: "srv_1",
  at: "2026-01-01T00:00:00.000Z",
  action: "reap",
  signal: "SIGCHLD",
  pid: 10,
  startTime: 1,
  comm: "php-fpm",
  status: "done",
  message: "",
  before: { zombies: 3 },
  after: { zombies: 3, parentAlive: true },
  orphansLeft: 0,
  next: "terminate",
  settled: true,
  replayed: false,
  ...over,
});

describe("outcomeSummary", () => {
  it.each([
    ["a reap that helped", action({ after: { zombies: 0, parentAlive: true }, next: null }), "All 3 zombies are gone, and the program kept running."],
    ["a reap that did not", action({}), "The program did not clean up when asked. The next step is to restart it."],
    ["a restart that cleared them", action({ action: "terminate", after: { zombies: 0, parentAlive: false }, next: null }), "All 3 zombies are gone. The program stopped; it starts again if its service restarts it."],
    ["a partial clean-up", action({ after: { zombies: 1, parentAlive: true } }), "2 of 3 zombies are gone; 1 is still there."],
    ["a restart init did not reap", action({ action: "terminate", after: { zombies: 3, parentAlive: false } }), "The program stopped, but 3 zombies are still there. Ask your support contact to look at it."],
  ])("%s", (_, result, words) => {
    expect(outcomeSummary(result)).toBe(words);
  });
});
