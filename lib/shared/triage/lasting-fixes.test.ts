// The lasting-fix table: which parent is recognised as which fix, from comm, command line, cgroup
// and ancestry, and the guide each links to (tests/structure/fix-docs.test.ts keeps docs/fixes.md in step).
import { describe, expect, it } from "vitest";
import type { ProcessService } from "@/lib/shared/scan/types";
import { FIX_GUIDES } from "@/lib/shared/triage/fix-guides";
import { FIX_IDS, LASTING_FIXES, lastingFixFor, type FixId, type FixSubject } from "@/lib/shared/triage/lasting-fixes";
import { buildTriage } from "@/lib/shared/triage/build-triage";
import { parentOf } from "@/tests/support/parent-builders";

const unit = (name: string): ProcessService => ({ kind: "systemd", name, cgroup: `/system.slice/${name}` });
const container = (id: string, runtime = "docker"): ProcessService => ({ kind: "container", name: id.slice(0, 12), cgroup: `/system.slice/${runtime}-${id}.scope` });
const ID = "3f2a9c1b7d4e".padEnd(64, "0");

/** A parent at `pid` whose ancestry is `above` (from PID 1 down), then itself. */
function subject(comm: string, over: { pid?: number; args?: string; above?: string[]; service?: ProcessService | null } = {}): FixSubject {
  const pid = over.pid ?? 4321;
  const above = over.above ?? ["systemd"];
  return {
    pid,
    comm,
    args: over.args ?? comm,
    service: over.service ?? null,
    ancestry: pid === 1 ? [{ pid: 1, comm }] : [...above.map((c, i) => ({ pid: i + 1, comm: c })), { pid, comm }],
  };
}

const cases: [string, FixSubject, FixId | null][] = [
  ["php-fpm master by comm", subject("php-fpm8.2", { args: "php-fpm: master process (/etc/php/8.2/fpm/php-fpm.conf)" }), "php-fpm"],
  ["a php-fpm pool worker by command line", subject("php-fpm", { args: "php-fpm: pool www" }), "php-fpm"],
  ["php-fpm known only by its unit", subject("php", { service: unit("php8.2-fpm.service") }), "php-fpm"],
  ["Apache httpd prefork (RHEL)", subject("httpd", { args: "/usr/sbin/httpd -DFOREGROUND", service: unit("httpd.service") }), "apache-mod-php"],
  ["Apache apache2 (Debian)", subject("apache2", { args: "/usr/sbin/apache2 -k start" }), "apache-mod-php"],
  ["Apache known by its unit", subject("rotatelogs-x", { service: unit("apache2.service") }), "apache-mod-php"],
  ["nginx master", subject("nginx", { args: "nginx: master process /usr/sbin/nginx" }), "nginx-upstream"],
  ["fcgiwrap behind nginx", subject("fcgiwrap", { service: unit("fcgiwrap.service") }), "nginx-upstream"],
  ["php-cgi under spawn-fcgi", subject("php-cgi", { args: "/usr/bin/php-cgi" }), "nginx-upstream"],
  ["Passenger core by comm", subject("Passenger core"), "passenger"],
  ["a Passenger RubyApp by command line", subject("ruby", { args: "Passenger RubyApp: /var/www/shop (production)" }), "passenger"],
  ["gunicorn with setproctitle", subject("gunicorn", { args: "gunicorn: worker [app:app]" }), "gunicorn"],
  ["gunicorn as python", subject("python3", { args: "/usr/bin/python3 /usr/local/bin/gunicorn -w 4 app:app" }), "gunicorn"],
  ["uWSGI", subject("uwsgi", { args: "/usr/bin/uwsgi --ini /etc/uwsgi/app.ini" }), "uwsgi"],
  ["uWSGI by unit", subject("python3", { args: "python3 x.py", service: unit("uwsgi-app.service") }), "uwsgi"],
  ["a Node cluster primary", subject("node", { args: "node /srv/app/server.js" }), "node-cluster"],
  ["Node under pm2", subject("PM2 v5.3.0: God", { args: "PM2 v5.3.0: God Daemon (/root/.pm2)" }), "node-cluster"],
  ["node by command line", subject("MainThread", { args: "/usr/bin/nodejs cluster.js" }), "node-cluster"],
  ["java", subject("java", { args: "/usr/bin/java -jar app.jar" }), "java"],
  ["a cron job's shell", subject("sh", { args: "/bin/sh -c /usr/local/bin/backup", above: ["systemd", "cron"] }), "cron"],
  ["a cron job's script under crond", subject("bash", { args: "bash /etc/cron.hourly/report", above: ["systemd", "crond", "bash"] }), "cron"],
  ["a supervisor program's shell wrapper", subject("sh", { args: "sh -c start-workers", above: ["systemd", "supervisord"] }), "supervisor"],
  ["a shell in supervisor's unit", subject("bash", { args: "bash run.sh", service: unit("supervisor.service") }), "supervisor"],
  ["a container's PID 1 seen from inside", subject("node", { pid: 1, args: "node server.js" }), "container-init"],
  ["a shell script as a container's PID 1", subject("entrypoint.sh", { pid: 1 }), "container-init"],
  [
    "a container's first process seen from the host",
    subject("python3", { args: "python3 app.py", above: ["systemd", "containerd-shim"], service: container(ID) }),
    "container-init",
  ],
  ["podman: conmon's child", subject("java", { args: "java -jar x.jar", above: ["systemd", "conmon"], service: container(ID, "libpod") }), "container-init"],
  ["an app deeper in a container is itself", subject("php-fpm", { args: "php-fpm: pool www", above: ["systemd", "containerd-shim", "tini"], service: container(ID) }), "php-fpm"],
  ["tini as PID 1 is an init", subject("tini", { pid: 1 }), null],
  ["a database is not in the table", subject("mysqld", { args: "/usr/sbin/mysqld" }), null],
  ["a plain sleep under systemd", subject("sleep", { args: "sleep 100" }), null],
  ["a name containing node is not node", subject("nodemanager", { args: "/opt/nodemanager --run" }), null],
];

describe("lastingFixFor", () => {
  it.each(cases)("%s", (_, parent, id) => {
    expect(lastingFixFor(parent)?.id ?? null).toBe(id);
  });

  it("names the cause and the fix in two sentences, and links the project's own guide", () => {
    for (const f of LASTING_FIXES) {
      expect(f.cause).toMatch(/^[A-Za-z].*\.$/);
      expect(f.fix).toMatch(/^[A-Za-z].*\.$/);
      expect(f.cause.split(/\.\s+[A-Z]/)).toHaveLength(1);
      expect(f.doc).toBe(`/fixes#${f.id}`);
    }
    expect(LASTING_FIXES.map((f) => f.id).sort()).toEqual([...FIX_IDS].sort());
  });

  it("reaches the triage: each diagnosed parent carries its fix", () => {
    const fpm = { ...parentOf({ pid: 900, comm: "php-fpm", args: "php-fpm: pool www", zombieCount: 5 }) };
    const other = parentOf({ pid: 901, comm: "mysqld", zombieCount: 1 });
    const scan = {
      commands: [], notes: [], processes: [], zombies: [], parents: [fpm, other],
      summary: { processes: 10, zombies: 6, pidsInUse: 20, pidMax: 32768, loadAvg: [0, 0, 0] as [number, number, number] },
    };
    const [a, b] = buildTriage(scan).parents;
    expect(a?.lastingFix).toMatchObject({ id: "php-fpm", fix: expect.stringContaining("pm.max_requests") });
    expect(b?.lastingFix).toBeNull();
  });
});

describe("the guides", () => {
  it("every fix has a guide with steps and a way to check it", () => {
    for (const f of FIX_GUIDES) {
      expect(f.guide.why.length).toBeGreaterThan(80);
      expect(f.guide.steps.length).toBeGreaterThan(0);
      expect(f.guide.check).not.toBe("");
    }
  });
});
