// Reads the sys step: `grep -H .` lines ("/proc/sys/kernel/pid_max:32768"), the online CPUs as
// the kernel lists them ("/sys/devices/system/cpu/online:0-3,6"). Outputs of earlier versions still
// parse: "cpus N" and "hz N" lines, and none for /proc/uptime (they give no ages).
import { fail, ok, type Result } from "@/lib/shared/result";

export type SysInfo = {
  pidMax: number;
  /** /proc/sys/kernel/threads-max: the other ceiling on processes plus threads. */
  threadsMax: number | null;
  loadAvg: [number, number, number];
  /** Online CPUs, null when the server did not say. */
  cpus: number | null;
  /** Seconds since boot (first field of /proc/uptime), null when not printed. */
  uptimeSeconds: number | null;
  /** Clock ticks per second that start times count in. */
  clockTicks: number;
};

/** USER_HZ, what start times count in: 100 on every Linux architecture in use. */
export const DEFAULT_CLOCK_TICKS = 100;

function positiveInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** "0-3,6" -> 5; null for anything else. */
function cpuListSize(text: string | undefined): number | null {
  if (text === undefined || !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text)) return null;
  let n = 0;
  for (const range of text.split(",")) {
    const [from, to = from] = range.split("-").map(Number);
    if (from === undefined || to === undefined || to < from) return null;
    n += to - from + 1;
  }
  return n;
}

function uptimeOf(text: string | undefined): number | null {
  const first = (text ?? "").split(" ", 1)[0] ?? "";
  return /^\d+(\.\d+)?$/.test(first) ? Number(first) : null;
}

export function parseSys(text: string): Result<SysInfo> {
  const values = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line.startsWith("cpus")) values.set("cpus", line.slice(4).trim());
    if (line.startsWith("hz")) values.set("hz", line.slice(2).trim());
    const colon = line.indexOf(":");
    if (colon > 0) values.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const pidMax = positiveInt(values.get("/proc/sys/kernel/pid_max"));
  if (pidMax === null) return fail("did not print /proc/sys/kernel/pid_max as a number");
  const load = (values.get("/proc/loadavg") ?? "").split(" ", 3).map(Number);
  const [one, five, fifteen] = load;
  if (one === undefined || five === undefined || fifteen === undefined || load.some((n) => !Number.isFinite(n))) {
    return fail("did not print /proc/loadavg as three load averages");
  }
  return ok({
    pidMax,
    threadsMax: positiveInt(values.get("/proc/sys/kernel/threads-max")),
    loadAvg: [one, five, fifteen],
    cpus: cpuListSize(values.get("/sys/devices/system/cpu/online")) ?? positiveInt(values.get("cpus")),
    uptimeSeconds: uptimeOf(values.get("/proc/uptime")),
    clockTicks: positiveInt(values.get("hz")) ?? DEFAULT_CLOCK_TICKS,
  });
}
