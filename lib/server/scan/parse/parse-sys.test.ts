import { describe, expect, it } from "vitest";
import { parseSys } from "@/lib/server/scan/parse/parse-sys";

const base = ["/proc/sys/kernel/pid_max:32768", "/proc/loadavg:0.50 0.40 0.30 1/200 999", "/proc/uptime:1000.5 900.1"];

describe("the sys step", () => {
  it("counts the online CPUs from the kernel's list, ranges and single ones", () => {
    const sys = parseSys([...base, "/sys/devices/system/cpu/online:0-3,6,8-9"].join("\n"));
    expect(sys.ok && sys.value).toMatchObject({ cpus: 7, clockTicks: 100, uptimeSeconds: 1000.5, pidMax: 32768 });
  });

  it("says nothing about CPUs rather than guess from a list it cannot read", () => {
    for (const list of ["", "0-", "3-1", "0-1;2", "x"]) {
      const sys = parseSys([...base, `/sys/devices/system/cpu/online:${list}`].join("\n"));
      expect(sys.ok && sys.value.cpus).toBeNull();
    }
  });

  it("still reads an earlier version's cpus and hz lines", () => {
    const sys = parseSys([...base, "cpus 4", "hz 250"].join("\n"));
    expect(sys.ok && sys.value).toMatchObject({ cpus: 4, clockTicks: 250 });
  });
});
