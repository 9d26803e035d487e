// Turns what the restart, its poll and the unit look printed into facts. Only marker lines count.
import { cleanText, countsOf, field, int, markerLines, REASONS, unescapeComm, type Counts, type PollReport, type ProtectedReason } from "@/lib/server/actions/parse-report";
import { fail, ok, type Result } from "@/lib/shared/result";

/** systemd's view of a unit: `systemctl show` properties (null when not printed). */
export type UnitSnapshot = { description: string | null; activeState: string | null; subState: string | null; mainPid: number | null };

export type RestartOutcome =
  | { result: "sent"; startFailed: boolean; error: string | null }
  | { result: "gone" }
  | { result: "changed"; actualStartTime: number | null }
  | { result: "protected"; reason: ProtectedReason }
  | { result: "moved"; found: string | null }
  | { result: "not-service"; kind: "none" | "user"; found: string | null }
  | { result: "no-systemd"; error: string }
  | { result: "eperm"; error: string }
  | { result: "sudo-failed"; error: string }
  | { result: "failed"; error: string };

export type RestartReport = RestartOutcome & { comm: string | null; counts: Counts | null; before: UnitSnapshot };

export type RestartPollReport = PollReport & { unit: UnitSnapshot };

/** "KEY=value" lines printed under one tag ("before", "unit", "show"), as systemd named them. */
function properties(lines: string[], tag: string): UnitSnapshot {
  const props = new Map<string, string>();
  for (const l of lines) {
    if (!l.startsWith(`${tag} `)) continue;
    const kv = l.slice(tag.length + 1);
    const eq = kv.indexOf("=");
    if (eq > 0) props.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  const text = (key: string) => {
    const v = props.get(key);
    return v === undefined || v === "" ? null : cleanText(v);
  };
  const mainPid = int(props.get("MainPID"));
  return { description: text("Description"), activeState: text("ActiveState"), subState: text("SubState"), mainPid: mainPid === 0 ? null : mainPid };
}

const valueOf = (lines: string[], key: string): string | undefined => lines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1);

function outcomeOf(resultLine: string, lines: string[]): RestartOutcome | null {
  const found = valueOf(lines, "found");
  const error = cleanText(valueOf(lines, "error") ?? "");
  switch (field(resultLine, "result")) {
    case "sent":
      return { result: "sent", startFailed: field(resultLine, "start") === "failed", error: error || null };
    case "gone":
      return { result: "gone" };
    case "changed":
      return { result: "changed", actualStartTime: int(valueOf(lines, "start")) };
    case "protected": {
      const reason = REASONS.find((r) => r === field(resultLine, "reason"));
      return reason ? { result: "protected", reason } : null;
    }
    case "moved":
      return { result: "moved", found: found ? cleanText(found) : null };
    case "not-service": {
      const kind = field(resultLine, "kind");
      return kind === "none" || kind === "user" ? { result: "not-service", kind, found: found ? cleanText(found) : null } : null;
    }
    case "no-systemd":
    case "eperm":
    case "sudo-failed":
    case "failed":
      return { result: field(resultLine, "result") as "no-systemd" | "eperm" | "sudo-failed" | "failed", error };
    default:
      return null;
  }
}

export function parseRestartReport(stdout: string): Result<RestartReport> {
  const lines = markerLines(stdout);
  const resultLine = lines.find((l) => l.startsWith("result="));
  if (!resultLine) return fail("the restart command printed no result line");
  const outcome = outcomeOf(resultLine, lines);
  if (!outcome) return fail(`the restart command printed an unknown result (${cleanText(resultLine)})`);
  const commLine = lines.find((l) => l.startsWith("comm="));
  return ok({ ...outcome, comm: commLine === undefined ? null : unescapeComm(commLine.slice(5)), counts: countsOf(lines), before: properties(lines, "before") });
}

export function parseRestartPoll(stdout: string): Result<RestartPollReport> {
  const lines = markerLines(stdout);
  const counts = countsOf(lines);
  const poll = lines.find((l) => l.startsWith("poll "));
  const alive = poll ? field(poll, "alive") : undefined;
  if (!counts || (alive !== "0" && alive !== "1")) return fail("the outcome check printed no counts");
  return ok({ ...counts, zombies: alive === "1" ? counts.zombies : 0, alive: alive === "1", unit: properties(lines, "unit") });
}

/** One of the unit's processes as the unit look listed it. */
export type UnitProcess = { pid: number; ppid: number; state: string; comm: string };

export type UnitLook =
  | { result: "gone" }
  | { result: "changed"; actualStartTime: number | null }
  | {
      result: "ok";
      comm: string | null;
      kind: "service" | "user" | "none";
      unit: string | null;
      /** The cgroup path when the process is in no service. */
      found: string | null;
      /** systemctl's exit status; null when it did not run (no service), 127 when missing. */
      systemctl: number | null;
      /** systemctl's own words when it failed (systemd not running). */
      systemctlSaid: string | null;
      show: UnitSnapshot;
      processes: UnitProcess[];
      processCount: number;
    };

function unitProcesses(lines: string[]): UnitProcess[] {
  const out: UnitProcess[] = [];
  for (const l of lines) {
    const m = /^proc (\d+) (\d+) (\S+) comm=(.*)$/.exec(l);
    if (m) out.push({ pid: Number(m[1]), ppid: Number(m[2]), state: cleanText(m[3] ?? ""), comm: unescapeComm(m[4] ?? "") });
  }
  return out;
}

export function parseUnitLook(stdout: string): Result<UnitLook> {
  const lines = markerLines(stdout);
  const resultLine = lines.find((l) => l.startsWith("result="));
  const result = resultLine ? field(resultLine, "result") : undefined;
  if (result === "gone") return ok({ result });
  if (result === "changed") return ok({ result, actualStartTime: int(valueOf(lines, "start")) });
  if (result !== "ok") return fail("the unit look printed no result line");
  const kindLine = lines.find((l) => l.startsWith("unit kind="));
  const kind = kindLine ? field(kindLine, "kind") : undefined;
  if (kind !== "service" && kind !== "user" && kind !== "none") return fail("the unit look printed no unit kind");
  const unit = valueOf(lines, "unitname");
  const found = valueOf(lines, "found");
  const sysLine = lines.find((l) => l.startsWith("systemctl rc="));
  const systemctl = sysLine ? int(field(sysLine, "rc")) : null;
  const said = lines.filter((l) => l.startsWith("show ") && !l.slice(5).includes("=")).map((l) => cleanText(l.slice(5)));
  const commLine = lines.find((l) => l.startsWith("comm="));
  const total = lines.find((l) => l.startsWith("procs total="));
  const processes = unitProcesses(lines);
  return ok({
    result: "ok",
    comm: commLine === undefined ? null : unescapeComm(commLine.slice(5)),
    kind,
    unit: unit ? cleanText(unit) : null,
    found: found ? cleanText(found) : null,
    systemctl,
    systemctlSaid: said[0] ?? null,
    show: properties(lines, "show"),
    processes,
    processCount: int(total && field(total, "total")) ?? processes.length,
  });
}
