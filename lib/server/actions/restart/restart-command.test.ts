import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildRestartCommand, buildRestartPollCommand, buildUnitInfoCommand, type RestartCommandInput } from "@/lib/server/actions/restart/restart-command";
import { parseRestartableUnit, parseUnitName, UNIT_NAME_MAX } from "@/lib/shared/actions/unit-name";
import { needs } from "@/tests/support/needs";

const input = (over: Partial<RestartCommandInput> = {}): RestartCommandInput => ({ pid: 111111, startTime: 222222, unit: "php-fpm.service", useSudo: false, protectedNames: ["init", "systemd", "sshd"], ...over });

/** The script inside the one single-quoted sh -c word. */
const scriptOf = (cmd: string): string => cmd.slice(cmd.indexOf("'") + 1, -1);

describe("the restart command is fixed text plus validated integers and one validated unit name", () => {
  it("only pid, startTime and the unit vary", () => {
    const a = buildRestartCommand(input());
    const b = buildRestartCommand(input({ pid: 333333, startTime: 444444, unit: "nginx.service" }));
    expect(b.replaceAll("333333", "111111").replaceAll("444444", "222222").replaceAll("nginx.service", "php-fpm.service")).toBe(a);
    expect(a).toContain('P=111111; S=222222\n');
    expect(a).toContain('U="php-fpm.service"\n');
  });

  it("restarts through sudo -n only with useSudo, and always after --", () => {
    expect(buildRestartCommand(input())).toContain('o=$(systemctl restart -- "$U" 2>&1)');
    expect(buildRestartCommand(input({ useSudo: true }))).toContain('o=$(sudo -n systemctl restart -- "$U" 2>&1)');
  });

  it("checks the unit against the cgroup the server reports before restarting", () => {
    const script = scriptOf(buildRestartCommand(input()));
    const check = script.indexOf('[ "$u" = "$U" ] ||');
    const restart = script.indexOf("systemctl restart");
    expect(check).toBeGreaterThan(script.indexOf('[ "$t" = "$S" ]'));
    expect(restart).toBeGreaterThan(check);
    // The unit name appears once, as the value of U; everything else uses "$U".
    expect(script.split("php-fpm.service")).toHaveLength(2);
  });

  it("has no single quote inside its one sh -c word, and a remote time limit", () => {
    for (const cmd of [buildRestartCommand(input()), buildRestartPollCommand(5, 6, "a.service"), buildUnitInfoCommand(5, 6)]) {
      expect(cmd).toMatch(/^LC_ALL=C timeout -k 2 \d+ sh -c '/);
      expect(scriptOf(cmd)).not.toContain("'");
    }
    expect(buildUnitInfoCommand(5, 6)).not.toMatch(/restart/);
    expect(buildRestartPollCommand(5, 6, "a.service")).not.toMatch(/systemctl restart/);
  });

  it.each([
    ["a space", "foo bar.service"],
    ["a command substitution", "$(reboot).service"],
    ["a backtick", "a`id`.service"],
    ["a quote", "a'b.service"],
    ["a double quote", 'a"b.service'],
    ["a newline", "a\nb.service"],
    ["a slash", "../x.service"],
    ["a scope", "session-3.scope"],
    ["a template", "getty@.service"],
    ["no type", "nginx"],
    ["too long", `${"a".repeat(UNIT_NAME_MAX - 7)}.service`],
  ])("refuses a unit with %s", (_, unit) => {
    expect(() => buildRestartCommand(input({ unit }))).toThrow(RangeError);
    expect(() => buildRestartPollCommand(1, 1, unit)).toThrow(RangeError);
  });

  it.each([
    ["a fraction", { pid: 1.5 }],
    ["zero", { pid: 0 }],
    ["negative start", { startTime: -1 }],
    ["text smuggled past the types", { pid: "1; reboot" as unknown as number }],
  ])("refuses %s", (_, over) => {
    expect(() => buildRestartCommand(input(over))).toThrow(RangeError);
  });
});

// Real systemctl decides what a unit name is: offline (--root), `is-enabled` names the unit it
// looked up, mangling an invalid name (or appending .service) and saying so, or refusing it.
const SYSTEMCTL = spawnSync("sh", ["-c", "command -v systemctl"]).status === 0;
const root = SYSTEMCTL ? mkdtempSync(path.join(tmpdir(), "reaper-systemctl-")) : "";
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function systemctlAccepts(name: string): boolean {
  const r = spawnSync("systemctl", [`--root=${root}`, "is-enabled", "--", name], { encoding: "utf8" });
  const said = `${r.stdout}${r.stderr}`;
  return !/Invalid unit name|Failed to mangle/.test(said) && said.includes(`for ${name}:`);
}

const NAMES = [
  "nginx.service",
  "php8.2-fpm.service",
  "foo@bar.service",
  "foo@bar@baz.service",
  "getty@tty1.service",
  "foo@.service",
  "user@1000.service",
  "systemd-fsck@dev-disk-by\\x2duuid-1234.service",
  "a:b_c-d.service",
  "foo..service",
  "-.service",
  "-.slice",
  "session-3.scope",
  "app.socket",
  "tmp.mount",
  `${"a".repeat(UNIT_NAME_MAX - 8)}.service`,
  `${"a".repeat(UNIT_NAME_MAX - 7)}.service`,
  "foo bar.service",
  "fo%o.service",
  "föo.service",
  "@a.service",
  ".service",
  "nginx",
  "foo.Service",
  "foo.bogus",
  "a/b.service",
  "a$b.service",
];

describe.runIf(needs(SYSTEMCTL))("the unit-name grammar agrees with real systemctl", () => {
  it.each(NAMES)("%s", (name) => {
    expect(parseUnitName(name).ok).toBe(systemctlAccepts(name));
  });

  it("systemd-escape's own escapes make restartable instance names", () => {
    const r = spawnSync("systemd-escape", ["--template=app@.service", "/srv/my site-1"], { encoding: "utf8" });
    const name = r.stdout.trim();
    expect(name).toBe("app@-srv-my\\x20site\\x2d1.service");
    expect(parseRestartableUnit(name).ok).toBe(true);
    expect(systemctlAccepts(name)).toBe(true);
  });
});

// The one place a name enters the script: as the value of U, in double quotes. Run by dash, bash and
// busybox sh, the value must come out as exactly the name, backslashes and all.
const SHELLS = [["dash"], ["bash"], ["busybox", "sh"]].filter(([s]) => spawnSync("sh", ["-c", `command -v ${s}`]).status === 0);

describe.each(SHELLS)("the name reaches %s unchanged", (...shell) => {
  it.each(["systemd-fsck@dev-disk-by\\x2duuid-1234.service", "-.service", "a@b@c.service", "app@-srv-my\\x20site\\x2d1.service"])("%s", (unit) => {
    const line = scriptOf(buildRestartCommand(input({ unit })))
      .split("\n")
      .find((l) => l.startsWith("U="));
    const r = spawnSync(shell[0] ?? "sh", [...shell.slice(1), "-c", `${line}\nprintf "%s" "$U"`], { encoding: "utf8" });
    expect(r.stdout).toBe(unit);
  });
});
