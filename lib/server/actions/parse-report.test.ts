import { describe, expect, it } from "vitest";
import { parsePollReport, parseSignalReport } from "@/lib/server/actions/parse-report";

const M = "@@reaper-action";

describe("parseSignalReport", () => {
  const cases: [string, string, unknown][] = [
    ["sent", `${M} count zombies=7 initzombies=0\n${M} comm=httpd\n${M} result=sent\n`, { result: "sent", comm: "httpd", counts: { zombies: 7, initZombies: 0 } }],
    ["rc banner before the markers", `Welcome!\n${M} result=sent\n`, { result: "sent", comm: null, counts: null }],
    ["escaped comm", `${M} comm=a\\nb\\\\c) d\n${M} result=gone\n`, { result: "gone", comm: "a\nb\\c) d", counts: null }],
    ["changed", `${M} start=555\n${M} result=changed\n`, { result: "changed", actualStartTime: 555, comm: null, counts: null }],
    ["protected", `${M} result=protected reason=session\n`, { result: "protected", reason: "session", comm: null, counts: null }],
    ["eperm", `${M} owner uid=0 name=root\n${M} result=eperm\n`, { result: "eperm", owner: { uid: 0, name: "root" }, comm: null, counts: null }],
    ["eperm, unmapped uid", `${M} owner uid=1001 name=\n${M} result=eperm\n`, { result: "eperm", owner: { uid: 1001, name: null }, comm: null, counts: null }],
    ["sudo", `${M} error=sudo: a password is required\n${M} result=sudo-failed\n`, { result: "sudo-failed", error: "sudo: a password is required", comm: null, counts: null }],
  ];
  it.each(cases)("%s", (_, text, value) => {
    expect(parseSignalReport(text)).toEqual({ ok: true, value });
  });

  it.each([["nothing", ""], ["no result", `${M} count zombies=1 initzombies=0\n`], ["unknown result", `${M} result=maybe\n`], ["protected, no reason", `${M} result=protected\n`]])(
    "%s is an error, not a guess",
    (_, text) => {
      expect(parseSignalReport(text).ok).toBe(false);
    },
  );
});

describe("parsePollReport", () => {
  it("reads alive and the counts", () => {
    expect(parsePollReport(`${M} count zombies=3 initzombies=1\n${M} poll alive=1\n`)).toEqual({ ok: true, value: { alive: true, zombies: 3, initZombies: 1 } });
  });
  it("a gone parent has no zombies of its own (the PID may be reused)", () => {
    expect(parsePollReport(`${M} count zombies=3 initzombies=1\n${M} poll alive=0\n`)).toEqual({ ok: true, value: { alive: false, zombies: 0, initZombies: 1 } });
  });
  it("refuses output without counts", () => {
    expect(parsePollReport(`${M} poll alive=1\n`).ok).toBe(false);
  });
});
