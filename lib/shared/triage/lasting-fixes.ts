// The lasting fix for the parents that commonly leak zombies: once Reaper has cleared them, the leak
// comes back unless its cause is fixed. Each entry is recognised from the parent's comm, command
// line, cgroup (its systemd unit or container) and ancestry, and says the usual cause and the fix in
// two sentences, with a link to the project's own guide to that fix (/fixes, docs/fixes.md). Pure.
import type { Parent } from "@/lib/shared/scan/types";

export const FIX_IDS = [
  "container-init",
  "php-fpm",
  "passenger",
  "gunicorn",
  "uwsgi",
  "apache-mod-php",
  "nginx-upstream",
  "node-cluster",
  "java",
  "supervisor",
  "cron",
] as const;
export type FixId = (typeof FIX_IDS)[number];

export type LastingFix = {
  id: FixId;
  /** What leaks, in a few words: "php-fpm workers". */
  name: string;
  /** The usual cause, one sentence. */
  cause: string;
  /** The lasting fix, one sentence. */
  fix: string;
  /** The app's guide to this fix: `/fixes#ID` (docs/fixes.md has the same anchors). */
  doc: string;
};

/** What recognising needs from a parent; every field is read from the scan alone. */
export type FixSubject = Pick<Parent, "pid" | "comm" | "args" | "ancestry"> & { service?: Parent["service"] };

type Rule = Omit<LastingFix, "doc"> & { matches: (p: Facts) => boolean };

type Facts = { pid: number; comm: string; args: string; unit: string; container: boolean; above: string[] };

// Programs that reap what they adopt: a container's PID 1 that is one of these is not the leak.
const INITS = /^(tini|tini-static|dumb-init|docker-init|catatonit|s6-svscan|runsvdir|runit|systemd|init|openrc-init|my_init|supervisord|pid1)$/;
// What starts a container's first process: the process above it when the host is scanned.
const RUNTIME_SHIMS = /^(containerd-shim.*|conmon|docker-containerd.*|runc|crun|podman|lxc-start)$/;

const program = (args: string): string => (args.trim().split(/\s+/)[0] ?? "").split("/").pop() ?? "";

function factsOf(p: FixSubject): Facts {
  const steps = p.ancestry;
  const self = steps[steps.length - 1]?.pid === p.pid ? steps.length - 1 : steps.length;
  return {
    pid: p.pid,
    comm: p.comm.trim().toLowerCase(),
    args: p.args.toLowerCase(),
    unit: p.service?.kind === "systemd" ? p.service.name.toLowerCase() : "",
    container: p.service?.kind === "container",
    above: steps.slice(0, self).map((s) => s.comm.trim().toLowerCase()),
  };
}

const TABLE: readonly Rule[] = [
  {
    id: "container-init",
    name: "a container's PID 1 that is not an init",
    cause: "The container's PID 1 is the application, not an init: orphans in the container are re-parented to it and it never waits for them.",
    fix: 'Run the container with an init that reaps: docker run --init (Compose init: true), or tini as its entrypoint (ENTRYPOINT ["tini", "--", …]).',
    matches: (f) => !INITS.test(f.comm) && (f.pid === 1 || (f.container && RUNTIME_SHIMS.test(f.above[f.above.length - 1] ?? ""))),
  },
  {
    id: "php-fpm",
    name: "php-fpm workers",
    cause: "PHP code in a php-fpm worker starts programs (exec, shell_exec, proc_open, pcntl_fork) and never waits for them, and a long-lived worker keeps their zombies.",
    fix: "Set pm.max_requests in the pool (for example 500) so workers are recycled and their children collected, and have scripts close what they open (proc_close, pcntl_waitpid).",
    matches: (f) => f.comm.startsWith("php-fpm") || /php-fpm/.test(f.args) || /^php[\d.]*-fpm/.test(f.unit),
  },
  {
    id: "passenger",
    name: "Phusion Passenger application processes",
    cause: "Application processes under Phusion Passenger start programs (backticks, system, spawn) without waiting for them, and Passenger keeps each process alive across many requests.",
    fix: "Set passenger_max_requests (PassengerMaxRequests for Apache) so application processes are recycled, and wait for or detach what the app starts (Process.wait, Process.detach).",
    matches: (f) => f.comm.includes("passenger") || /passenger/.test(f.args),
  },
  {
    id: "gunicorn",
    name: "gunicorn workers",
    cause: "Gunicorn workers start subprocesses (subprocess.Popen, os.fork) and never wait for them, and a worker lives until gunicorn restarts it.",
    fix: "Run gunicorn with --max-requests and --max-requests-jitter so workers are recycled, and collect what the app starts (Popen.wait, or subprocess.run).",
    matches: (f) => f.comm === "gunicorn" || /gunicorn/.test(f.args) || f.unit.startsWith("gunicorn"),
  },
  {
    id: "uwsgi",
    name: "uWSGI workers",
    cause: "uWSGI workers start processes the application never waits for, and without a master running its reaper nobody collects them.",
    fix: "Enable master = true with reaper = true (uWSGI then collects zombies after every request) and set max-requests so workers are recycled.",
    matches: (f) => f.comm.startsWith("uwsgi") || program(f.args).startsWith("uwsgi") || f.unit.startsWith("uwsgi"),
  },
  {
    id: "apache-mod-php",
    name: "Apache httpd prefork children with mod_php",
    cause: "Apache's prefork children run PHP through mod_php, and scripts that start programs without waiting for them leave zombies in children that live for thousands of requests.",
    fix: "Set MaxConnectionsPerChild (MaxRequestsPerChild before 2.4) so children are recycled, and better, move PHP to php-fpm with mpm_event and proxy_fcgi.",
    matches: (f) => /^(httpd|apache2?)$/.test(f.comm) || /^(httpd|apache2)\.service$/.test(f.unit),
  },
  {
    id: "nginx-upstream",
    name: "nginx and the FastCGI upstream behind it",
    cause: "nginx's own workers do not fork: the zombies belong to the upstream behind it (fcgiwrap, php-cgi under spawn-fcgi) or to code embedded in nginx, which start programs and never wait for them.",
    fix: "Run the upstream under a manager that recycles it (php-fpm with pm.max_requests, PHP_FCGI_MAX_REQUESTS for php-cgi, fcgiwrap from its systemd socket unit) and keep programs out of nginx's own Lua or Perl code.",
    matches: (f) => /^(nginx|openresty|fcgiwrap|spawn-fcgi|php-cgi[\d.]*|php[\d.]*-cgi)$/.test(f.comm) || /^(nginx|fcgiwrap)\.service$/.test(f.unit),
  },
  {
    id: "node-cluster",
    name: "a Node.js cluster",
    cause: "Node collects children only from its event loop: a cluster primary or worker blocked by synchronous work, or children started outside libuv by a native module, leaves zombies.",
    fix: "Keep the primary free of synchronous work and start programs only through child_process or cluster.fork, and have the process manager restart workers regularly (for example pm2's max_memory_restart or cron_restart).",
    matches: (f) => /^(node|nodejs)$/.test(f.comm) || /^(node|nodejs)$/.test(program(f.args)) || f.comm.startsWith("pm2") || /\bpm2\b/.test(f.args),
  },
  {
    id: "java",
    name: "a Java virtual machine",
    cause: "The JVM reaps what it starts with ProcessBuilder, so zombies under java are orphans it adopted as a container's PID 1 or a subreaper, or children forked by native (JNI) code.",
    fix: "Run the JVM under an init that reaps (docker run --init, tini or dumb-init as PID 1) and start programs only through ProcessBuilder, calling waitFor() on each.",
    matches: (f) => f.comm === "java" || program(f.args) === "java",
  },
  {
    id: "supervisor",
    name: "a shell wrapper under supervisord",
    cause: "supervisord starts the program through a shell wrapper (command=sh -c … or a start script) that forks the real workers and waits for none of them.",
    fix: "Make the wrapper exec the real program so supervisord is its parent and reaps it, and set stopasgroup=true and killasgroup=true so restarts take the whole group.",
    matches: (f) => f.above.includes("supervisord") || /^supervisor(d)?\.service$/.test(f.unit),
  },
  {
    id: "cron",
    name: "a cron job's shell",
    cause: "A cron job starts commands in the background (cmd &) and then hands over to a program that never waits for them, so every run adds zombies.",
    fix: "End background work in job scripts with wait (or run it in the foreground), and wrap the job in flock -n so slow runs do not pile up.",
    matches: (f) => f.above.some((c) => /^(cron|crond|anacron)$/.test(c)) || /^(cron|crond|cronie)\.service$/.test(f.unit),
  },
];

export const docOf = (id: FixId): string => `/fixes#${id}`;

const entryOf = (r: Rule): LastingFix => ({ id: r.id, name: r.name, cause: r.cause, fix: r.fix, doc: docOf(r.id) });

/** Every entry of the table, in the order they are tried. */
export const LASTING_FIXES: readonly LastingFix[] = TABLE.map(entryOf);

/** The first entry that recognises this parent, or null when none does. */
export function lastingFixFor(parent: FixSubject): LastingFix | null {
  const facts = factsOf(parent);
  const rule = TABLE.find((r) => r.matches(facts));
  return rule ? entryOf(rule) : null;
}
