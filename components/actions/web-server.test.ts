import { describe, expect, it } from "vitest";
import { isWebServerName, looksLikeWebMaster } from "@/components/actions/web-server";
import { parentOf, proc } from "@/tests/support/parent-builders";

describe("isWebServerName", () => {
  it.each(["httpd", "apache2", "nginx", "php-fpm", "php-fpm8.2", "lighttpd", "caddy", "lsphp"])("%s is a web server", (comm) => {
    expect(isWebServerName(comm)).toBe(true);
  });
  it.each(["mysqld", "httpd-worker", "sleep", "python3", "nginx-exporter"])("%s is not", (comm) => {
    expect(isWebServerName(comm)).toBe(false);
  });
});

describe("looksLikeWebMaster", () => {
  it("a web server under PID 1 is a master", () => {
    expect(looksLikeWebMaster(parentOf({ pid: 40, comm: "httpd", ppid: 1 }), [])).toBe(true);
  });
  it("a web server under another program is a master", () => {
    const p = parentOf({ pid: 40, comm: "nginx", ppid: 30, ancestry: [{ pid: 1, comm: "systemd" }, { pid: 30, comm: "supervisord" }, { pid: 40, comm: "nginx" }] });
    expect(looksLikeWebMaster(p, [])).toBe(true);
  });
  it("a worker under a master of the same name is not", () => {
    const p = parentOf({ pid: 41, comm: "httpd", ppid: 40, ancestry: [{ pid: 1, comm: "systemd" }, { pid: 40, comm: "httpd" }, { pid: 41, comm: "httpd" }] });
    expect(looksLikeWebMaster(p, [])).toBe(false);
  });
  it("falls back to the process list when the ancestry is missing", () => {
    const p = parentOf({ pid: 41, comm: "httpd", ppid: 40, ancestry: [] });
    expect(looksLikeWebMaster(p, [proc({ pid: 40, ppid: 1, comm: "httpd" })])).toBe(false);
    expect(looksLikeWebMaster(p, [proc({ pid: 40, ppid: 1, comm: "bash" })])).toBe(true);
  });
  it("a database is never a web master", () => {
    expect(looksLikeWebMaster(parentOf({ pid: 40, comm: "mysqld" }), [])).toBe(false);
  });
});
