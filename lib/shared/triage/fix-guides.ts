// The project's own guide to each lasting fix: why that kind of parent leaks, what to change (with
// the configuration), and how to see that it worked. The app shows it at /fixes; docs/fixes.md is
// written from it (scripts/write-fix-docs.ts), and a test keeps the two the same.
import { LASTING_FIXES, type FixId, type LastingFix } from "@/lib/shared/triage/lasting-fixes";

export type GuideStep = { text: string; code?: string };
export type FixGuide = { why: string; steps: GuideStep[]; check: string };

const GUIDES: Record<FixId, FixGuide> = {
  "container-init": {
    why: "Inside a container the first process gets PID 1, and the kernel re-parents every orphan in the container to it. An init (tini, dumb-init, docker-init) waits for whatever it adopts; an application started as PID 1 (a shell script, node, java, php-fpm) does not, so each orphan that exits stays a zombie until the container is restarted. Signalling the application does not help, and ending PID 1 stops the container.",
    steps: [
      { text: "With Docker, add an init in front of the application:", code: "docker run --init IMAGE\n# docker compose: under the service\ninit: true" },
      { text: "Or make tini the image's entrypoint, so every runtime gets it:", code: 'RUN apt-get install -y tini\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["your-app", "--flag"]' },
      { text: "On Kubernetes, use an image with tini as its entrypoint as above (pods have no --init)." },
    ],
    check: "After the container is recreated, `ps -o pid,comm -p 1` inside it shows tini (or docker-init), and a scan of the host shows no zombies under the application.",
  },
  "php-fpm": {
    why: "A php-fpm worker serves request after request. When PHP code starts a program (exec, shell_exec, system, popen, proc_open without proc_close, pcntl_fork without pcntl_waitpid) and does not wait for it, the finished program stays a zombie child of that worker for as long as the worker lives, which by default is forever.",
    steps: [
      { text: "Recycle workers: in the pool's configuration (for example /etc/php/8.2/fpm/pool.d/www.conf) set", code: "pm.max_requests = 500" },
      { text: "Reload php-fpm so the pool picks it up (Reaper's Restart service does the same for a leak that is already there):", code: "systemctl reload php8.2-fpm" },
      { text: "Fix the code: close what proc_open opened (proc_close), wait for pcntl_fork children (pcntl_waitpid), and prefer exec() over backgrounding with `&`." },
    ],
    check: "Scan again after a few hundred requests: the workers' PIDs change over time and none of them collects zombies.",
  },
  passenger: {
    why: "Phusion Passenger keeps each application process alive for many requests. Ruby, Python or Node code that starts programs (backticks, system, spawn, Process.spawn) without waiting for them leaves zombies in that process until Passenger replaces it.",
    steps: [
      { text: "Recycle application processes after a number of requests (nginx integration; for Apache use PassengerMaxRequests):", code: "passenger_max_requests 1000;" },
      { text: "In the application, wait for or detach every child it starts:", code: "pid = Process.spawn(cmd)\nProcess.detach(pid)   # or Process.wait(pid)" },
    ],
    check: "`passenger-status` shows processes with a bounded request count, and scans show no zombies under them.",
  },
  gunicorn: {
    why: "Gunicorn's workers live until gunicorn replaces them. Python code that starts subprocesses with subprocess.Popen (or os.fork) and never calls wait() or communicate() leaves each finished child as a zombie of the worker.",
    steps: [
      { text: "Recycle workers, with jitter so they do not all restart at once:", code: "gunicorn --max-requests 1000 --max-requests-jitter 100 app:app" },
      { text: "In the application, collect every child:", code: "subprocess.run(cmd, check=True)      # waits\np = subprocess.Popen(cmd); p.wait()  # or wait explicitly" },
    ],
    check: "Worker PIDs change over time, and scans show no zombies under them.",
  },
  uwsgi: {
    why: "uWSGI workers run the application for many requests. Processes the application starts and never waits for become zombies of the worker; without a master process running uWSGI's reaper, nobody collects them.",
    steps: [
      { text: "In the uWSGI configuration:", code: "[uwsgi]\nmaster = true\nreaper = true\nmax-requests = 1000" },
      { text: "Reload uWSGI (or restart its service) so the settings take effect." },
    ],
    check: "The uWSGI log shows workers being respawned after max-requests, and scans show no zombies under them.",
  },
  "apache-mod-php": {
    why: "With the prefork MPM and mod_php, PHP runs inside Apache's child processes, and each child serves thousands of requests. A script that starts a program and does not wait for it leaves a zombie in that child; the zombies add up until the child is replaced or Apache is restarted.",
    steps: [
      { text: "Recycle children (Apache 2.4; MaxRequestsPerChild on 2.2), for example in mpm_prefork.conf:", code: "MaxConnectionsPerChild 1000" },
      { text: "Better: run PHP in php-fpm with the event MPM, so Apache no longer hosts the PHP code:", code: "a2dismod php8.2 mpm_prefork\na2enmod mpm_event proxy_fcgi setenvif\na2enconf php8.2-fpm\nsystemctl restart apache2" },
    ],
    check: "Scans show no zombies under the Apache children; with php-fpm, apply the php-fpm fix there.",
  },
  "nginx-upstream": {
    why: "nginx's workers do not fork programs, so zombies under nginx's processes come from code embedded in nginx (Lua's os.execute or io.popen, embedded Perl), and zombies in a site behind nginx come from its FastCGI upstream: fcgiwrap, or php-cgi started by spawn-fcgi, which run scripts that start programs and never wait for them.",
    steps: [
      { text: "For PHP, replace spawn-fcgi/php-cgi with php-fpm (and its pm.max_requests), or at least limit php-cgi's lifetime:", code: "PHP_FCGI_MAX_REQUESTS=500" },
      { text: "For CGI scripts, run fcgiwrap from its systemd socket unit so systemd restarts it cleanly:", code: "systemctl enable --now fcgiwrap.socket" },
      { text: "In nginx itself, move programs out of Lua or Perl handlers into an upstream service." },
    ],
    check: "Scans show no zombies under nginx or its upstream after the change.",
  },
  "node-cluster": {
    why: "Node (libuv) collects the children it started from its event loop when SIGCHLD arrives. A cluster primary or worker whose loop is blocked by synchronous work cannot collect them, and children started by a native module outside libuv are never collected at all.",
    steps: [
      { text: "Keep the primary's event loop free: no synchronous file or crypto work there, only cluster.fork() and supervision." },
      { text: "Start programs only through child_process (spawn, execFile) or cluster.fork, which libuv tracks." },
      { text: "Have the process manager restart workers regularly, for example with pm2:", code: "pm2 start app.js -i max --max-memory-restart 500M --cron-restart \"0 4 * * *\"" },
    ],
    check: "Scans show no zombies under the primary or workers; event-loop lag (for example from perf_hooks.monitorEventLoopDelay) stays low.",
  },
  java: {
    why: "The JVM waits for every child it starts through ProcessBuilder or Runtime.exec, in its own reaper thread. Zombies under java are therefore orphans: the JVM runs as a container's PID 1 (or a subreaper) and adopts whatever exits under it, or native (JNI) code forked children the JVM does not know about.",
    steps: [
      { text: "Give the container an init (see the container PID 1 fix):", code: "docker run --init IMAGE" },
      { text: "Start programs only through ProcessBuilder and wait for them:", code: "Process p = new ProcessBuilder(cmd).inheritIO().start();\np.waitFor();" },
    ],
    check: "Inside the container PID 1 is an init, not java, and scans show no zombies under java.",
  },
  supervisor: {
    why: "supervisord waits for the program it started. When that program is a shell wrapper (command=sh -c \"...\" or a start script) that starts the real workers in the background, the wrapper is their parent, and it waits for none of them: each worker that exits stays its zombie.",
    steps: [
      { text: "Make the wrapper replace itself with the real program, so supervisord is the parent:", code: "#!/bin/sh\nexport APP_ENV=production\nexec /usr/local/bin/worker --queue default" },
      { text: "Let restarts take the whole group, in the program's section:", code: "[program:worker]\nstopasgroup=true\nkillasgroup=true" },
    ],
    check: "`supervisorctl status` shows the real program's PID, and scans show no zombies under a shell.",
  },
  cron: {
    why: "A cron job runs in a shell. Commands started in the background (cmd &) become children of that shell; when the script then hands over to a long-running program (exec) or the shell is blocked, nobody waits for the background commands, and every run of the job leaves zombies. Overlapping runs multiply them.",
    steps: [
      { text: "Wait for background work before the script ends:", code: "#!/bin/sh\ntask-a & task-b &\nwait" },
      { text: "Keep runs from piling up:", code: "*/5 * * * * flock -n /run/lock/myjob.lock /usr/local/bin/myjob" },
    ],
    check: "Scans show no zombies under cron's shells after the next runs.",
  },
};

export type FixWithGuide = LastingFix & { guide: FixGuide };

/** Every lasting fix with its guide, in the order the table tries them. */
export const FIX_GUIDES: readonly FixWithGuide[] = LASTING_FIXES.map((f) => ({ ...f, guide: GUIDES[f.id] }));

/** docs/fixes.md, written from the same entries the app shows (`<a id>` anchors match the app's). */
export function fixesMarkdown(): string {
  const out = [
    "# Lasting fixes for leaking zombie parents",
    "",
    "Reaper clears zombies now (reap, terminate, restart the service); these fixes stop the leak from coming back.",
    "The triage links each zombie parent it recognises (by name, command line, cgroup and ancestry) to its entry here;",
    "the dashboard shows the same guide at `/fixes`. This file is written by `npx tsx scripts/write-fix-docs.ts`.",
    "",
  ];
  for (const f of FIX_GUIDES) {
    out.push(`<a id="${f.id}"></a>`, `## ${f.name[0]?.toUpperCase()}${f.name.slice(1)}`, "", `**Cause.** ${f.cause}`, "", `**Fix.** ${f.fix}`, "", f.guide.why, "");
    for (const step of f.guide.steps) {
      out.push(`- ${step.text}`);
      if (step.code) out.push("", "  ```", ...step.code.split("\n").map((l) => `  ${l}`), "  ```");
    }
    out.push("", `**Check.** ${f.guide.check}`, "");
  }
  return out.join("\n");
}
